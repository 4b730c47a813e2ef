/** ISO time of the build (vite.config.ts `define`); tabs compare it to find the newer code. */
declare const __TUNESET_BUILD__: string;
