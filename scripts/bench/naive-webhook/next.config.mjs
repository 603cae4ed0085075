/** The naive webhook's build: as the app's, pg stays outside the server bundle. */
const nextConfig = { poweredByHeader: false, serverExternalPackages: ["pg"] };
export default nextConfig;
