import { Content, Header, Page } from '@backstage/core-components';
import { FluidFleetContent } from './FluidFleetContent';

/**
 * The fleet page with its own header, for apps on the legacy frontend
 * system (the new system's page blueprint draws the header itself).
 *
 * @public
 */
export function FluidPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Model caches"
        subtitle="Every Fluid dataset in every cluster"
      />
      <Content>
        <FluidFleetContent />
      </Content>
    </Page>
  );
}
