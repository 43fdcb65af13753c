#!/usr/bin/env node
// Loads the TypeScript benchmark through Backstage's Node transform (no build).
require('@backstage/cli/config/nodeTransform.cjs');
require('./entity.ts');
