import type { BrowserContext } from 'playwright-core';

export declare const CHROMIUM_MISSING: string;
export declare const CHROMIUM_ARGS: string[];
export declare function chromiumPath(): string | null;
export declare function launchChromium(
  options?: Parameters<typeof import('playwright-core').chromium.launchPersistentContext>[1],
): Promise<{ context: BrowserContext; close(): Promise<void> }>;
