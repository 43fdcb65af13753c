export { EntityFluidCard } from './EntityFluidCard';
