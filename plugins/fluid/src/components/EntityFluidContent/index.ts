export { EntityFluidContent } from './EntityFluidContent';
