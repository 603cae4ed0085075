"use client";

/* eslint-disable @next/next/no-img-element -- admins paste images from any http(s) host */
import { useState } from "react";

/** The offering's picture, or a neutral placeholder when it has none or it fails to load. */
export function OfferingImage({ src, alt }: { src: string | null; alt: string }) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  if (!src || failedSrc === src) {
    return (
      <div
        aria-hidden
        data-testid="offering-image-placeholder"
        className="aspect-[16/9] w-full rounded-md bg-gradient-to-br from-indigo-100 to-slate-200"
      />
    );
  }
  return (
    <img
      src={src}
      alt={alt}
      data-testid="offering-image"
      className="aspect-[16/9] w-full rounded-md object-cover"
      loading="lazy"
      onError={() => setFailedSrc(src)}
      // An image that failed before hydration fired its error event before React listened.
      ref={(image) => {
        if (image?.complete && image.naturalWidth === 0) setFailedSrc(src);
      }}
    />
  );
}
