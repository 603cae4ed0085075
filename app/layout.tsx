import type { Metadata } from "next";
import { Toaster } from "sonner";
import { signOutAction } from "@/app/(auth)/actions";
import { SiteHeader } from "@/components/layout/site-header";
import { publicAppUrl } from "@/lib/env";
import "./globals.css";

const description = "Courses, communities and memberships, paid once or by subscription.";

/** A function, so that the public URL is read where the server runs, not where it was built. */
export function generateMetadata(): Metadata {
  return {
    metadataBase: new URL(publicAppUrl()),
    title: { default: "Offerings", template: "%s · Offerings" },
    description,
    icons: {
      icon: [
        { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
        { url: "/icon.svg", type: "image/svg+xml" },
      ],
    },
    openGraph: {
      type: "website",
      siteName: "Offerings",
      title: "Offerings",
      description,
      images: [
        { url: "/og-image.png", width: 1200, height: 630, alt: "Offerings: " + description },
      ],
    },
    twitter: { card: "summary_large_image", images: ["/og-image.png"] },
  };
}

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <SiteHeader signOut={signOutAction} />
        <main className="mx-auto max-w-5xl px-4 py-8">{children}</main>
        {/* Outside <main>: the outcome of an action, announced politely, never part of a page. */}
        <Toaster richColors closeButton position="bottom-right" />
      </body>
    </html>
  );
}
