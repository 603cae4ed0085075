/* eslint-disable @next/next/no-img-element -- admins paste images from any http(s) host */
export function OfferingImage({ src, alt }: { src: string | null; alt: string }) {
  if (!src) {
    return <div aria-hidden className="aspect-[16/9] w-full rounded-md bg-gradient-to-br from-indigo-100 to-slate-200" />;
  }
  return <img src={src} alt={alt} className="aspect-[16/9] w-full rounded-md object-cover" loading="lazy" />;
}
