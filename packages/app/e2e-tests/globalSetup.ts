// The demo's web server entry waits for the app (:3000); the tests also need
// the backend, which `backstage-cli repo start` brings up beside it.
const BACKEND_READY = 'http://localhost:7007/.backstage/health/v1/readiness';

export default async function waitForBackend(): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      const response = await fetch(BACKEND_READY);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      throw new Error(`the backend did not become ready: ${BACKEND_READY}`);
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}
