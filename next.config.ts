import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WebAssembly and data files from its package folder at run time.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  // Paid files and previews are media (PDF, audio, ZIP) that barely compress; gzip would only
  // cost CPU on every download. Put a compressing proxy in front for pages if wanted.
  compress: false,
  typedRoutes: false,
};

export default nextConfig;
