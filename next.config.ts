import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WebAssembly and data files from its package folder at run time.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  // Off here because Next's switch would also gzip file deliveries (dropping their exact
  // Content-Length); scripts/serve.ts compresses pages, scripts and JSON itself and leaves paid
  // downloads and previews as stored (lib/http/compression.ts).
  compress: false,
  typedRoutes: false,
};

export default nextConfig;
