// Hooks the registry into loadModel (models:/ URIs) when the SDK is imported: src/sdk/core.ts
// imports this file, so the service worker and the page both resolve registered models.
import { setRegistryResolver } from '../models/resolve';
import { registryModelLocation } from './model-uris';

setRegistryResolver(registryModelLocation);
