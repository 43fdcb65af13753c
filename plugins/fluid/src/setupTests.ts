import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The machines that run the suite are small and busy: lazy-loaded
// extensions, syntax highlighting and material-table's renders can take
// more than the default second per query and five per test.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);
