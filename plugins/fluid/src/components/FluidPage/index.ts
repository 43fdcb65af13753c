export { FluidPage } from './FluidPage';
export { FluidFleetContent } from './FluidFleetContent';
