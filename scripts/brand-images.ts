/**
 * Draws public/favicon.ico (16, 32 and 48 px) and public/og-image.png (1200×630, the social
 * preview) from public/icon.svg with Debian's Chromium, offline. Run it after changing the icon:
 * `npx tsx scripts/brand-images.ts`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";

const icon = readFileSync("public/icon.svg", "utf8");
const iconUrl = `data:image/svg+xml;base64,${Buffer.from(icon).toString("base64")}`;

const card = `<!doctype html><html><body style="margin:0">
<div style="width:1200px;height:630px;box-sizing:border-box;padding:96px;display:flex;flex-direction:column;
  justify-content:space-between;background:linear-gradient(135deg,#eef2ff,#e2e8f0);
  font-family:ui-sans-serif,system-ui,'DejaVu Sans',sans-serif;color:#0f172a">
  <div style="display:flex;align-items:center;gap:28px">
    <img src="${iconUrl}" width="112" height="112" alt="">
    <span style="font-size:72px;font-weight:800;color:#4338ca">Offerings</span>
  </div>
  <div style="font-size:52px;font-weight:700;line-height:1.2;max-width:960px">
    Courses, communities and memberships, paid once or by subscription.
  </div>
  <div style="font-size:30px;color:#475569">Stripe Checkout, payment links and any provider's webhook.</div>
</div></body></html>`;

/** An ICO file whose images are PNGs (every current browser and Windows Vista on read them). */
function icoFromPngs(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size % 256, entry); // width (0 means 256)
    header.writeUInt8(size % 256, entry + 1); // height
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(({ png }) => png)]);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 630 } });
  await page.setContent(card);
  writeFileSync("public/og-image.png", await page.screenshot({ type: "png" }));

  const icons = [];
  for (const size of [16, 32, 48]) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<body style="margin:0"><img src="${iconUrl}" width="${size}" height="${size}" alt=""></body>`,
    );
    icons.push({ size, png: await page.screenshot({ type: "png", omitBackground: true }) });
  }
  writeFileSync("public/favicon.ico", icoFromPngs(icons));
} finally {
  await browser.close();
}
console.log("wrote public/og-image.png and public/favicon.ico");
