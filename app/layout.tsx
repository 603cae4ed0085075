import type { Metadata } from "next";
import { signOutAction } from "@/app/(auth)/actions";
import { SiteHeader } from "@/components/layout/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Offerings", template: "%s · Offerings" },
  description: "Courses, communities and memberships, paid once or by subscription.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <SiteHeader signOut={signOutAction} />
        <main className="mx-auto max-w-5xl px-4 py-8">{children}</main>
      </body>
    </html>
  );
}
