import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The fleet page (`/fluid`) in the new frontend system. */
export const rootRouteRef = createRouteRef();
