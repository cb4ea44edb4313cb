#!/usr/bin/env node
// Renders public/icon.svg into the PNG icons the web app manifest needs for installability
// (Chromium wants a 192 and a 512 PNG; Android launchers crop a "maskable" one to their shape).
// No rasteriser is installed here (no rsvg/inkscape/ImageMagick), so headless Chromium draws them.
// Run after changing icon.svg: `node tests/tools/make-icons.mjs`, then commit public/icon-*.png.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../chromium.mjs';

const pub = fileURLToPath(new URL('../../public/', import.meta.url));
const svg = readFileSync(`${pub}icon.svg`, 'utf8');
const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
if (!viewBox || viewBox[1] !== viewBox[2]) throw new Error('icon.svg: expected a square viewBox "0 0 N N"');
const n = Number(viewBox[1]);

// Maskable: the launcher may cut away everything outside the centred circle of 80% diameter, so
// the background fills the whole square (no rounded corners) and the artwork shrinks to 80%.
const [background, ...art] = svg.replace(/^[\s\S]*?<svg[^>]*>|<\/svg>[\s\S]*$/g, '').trim().split('\n');
const fill = /fill="([^"]+)"/.exec(background ?? '')?.[1];
if (!background?.includes('<rect') || !fill) throw new Error('icon.svg: expected the background <rect> first');
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}"><rect width="${n}" height="${n}" fill="${fill}"/>
  <g transform="translate(${n / 2} ${n / 2}) scale(0.8) translate(${-n / 2} ${-n / 2})">${art.join('\n')}</g></svg>`;

const icons = [
  { file: 'icon-192.png', size: 192, source: svg },
  { file: 'icon-512.png', size: 512, source: svg },
  { file: 'icon-maskable-512.png', size: 512, source: maskable },
];

const { context, close } = await launchChromium({ deviceScaleFactor: 1 });
try {
  const page = context.pages()[0] ?? (await context.newPage());
  for (const { file, size, source } of icons) {
    await page.setViewportSize({ width: size, height: size });
    const sized = source.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<body style="margin:0;background:transparent">${sized}</body>`);
    // omitBackground keeps the rounded corners of the "any" icons transparent.
    await page.screenshot({ path: `${pub}${file}`, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    console.log(`public/${file} ${size}x${size}`);
  }
} finally {
  await close();
}
