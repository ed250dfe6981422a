import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

// Scraped pages for the import benchmark, derived from prisma/sample-pages: each page takes the
// shape of a sample (body, 提示 line, 相关推荐 list) with its own question, so every page gets
// its own sourceKey, and its own body and list. About one list item in four names another
// generated page, so that linking items by title is part of what is measured.

export type GeneratePagesOptions = {
  count: number;
  /** Folder the .txt files are written to (created when missing). */
  folder: string;
  itemsPerPage?: number;
  samplesFolder?: string;
  seed?: number;
};

export type GeneratedPages = { files: number; items: number; bytes: number; titles: string[] };

type SampleItem = { title: string; summary: string; meta: string };
type Sample = { title: string; body: string[]; disclaimer: string; items: SampleItem[] };

const places = [
  '北京',
  '上海',
  '广州',
  '深圳',
  '杭州',
  '成都',
  '武汉',
  '西安',
  '南京',
  '郑州',
  '长沙',
  '沈阳',
  '昆明',
  '福州',
  '漯河',
  '丽水',
  '洛阳',
  '南阳',
  '天河区',
  '海淀区',
];
const years = ['2023', '2024', '2025'];
const asides = [
  '具体以当地医保部门公布的为准。',
  '办理时请携带身份证和医保电子凭证。',
  '可以通过国家医保服务平台查询办理进度。',
  '不同统筹地区的起付线和报销比例有所不同。',
  '如有疑问可拨打12393医保服务热线咨询。',
];

export async function generatePages(options: GeneratePagesOptions): Promise<GeneratedPages> {
  const samples = await readSamples(options.samplesFolder ?? path.join(process.cwd(), 'prisma/sample-pages'));
  const itemsPerPage = options.itemsPerPage ?? 20;
  const random = seeded(options.seed ?? 7);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  const itemPool = samples.flatMap((s) => s.items);
  const titles = Array.from({ length: options.count }, (_, i) => {
    const sample = samples[i % samples.length];
    return `${years[i % years.length]}年${places[Math.floor(i / samples.length) % places.length]}${sample.title}（第${i + 1}问）`;
  });

  await mkdir(options.folder, { recursive: true });
  let items = 0;
  let bytes = 0;
  const width = String(options.count).length;
  for (let i = 0; i < options.count; i++) {
    const sample = samples[i % samples.length];
    const body = sample.body.map((line, n) => (n === 0 || line.trim() === '' ? line : `${line}${n % 3 === i % 3 ? pick(asides) : ''}`));
    const list: string[] = [];
    for (let n = 0; n < itemsPerPage; n++) {
      const base = pick(itemPool);
      const title = random() < 0.25 ? titles[Math.floor(random() * options.count)] : `${base.title}（${pick(places)}${n + 1}）`;
      list.push(title, '', base.summary, '', base.meta, '');
    }
    items += itemsPerPage;
    const text = [titles[i], '', ...body, '', sample.disclaimer, '相关推荐', '', ...list].join('\n');
    bytes += Buffer.byteLength(text);
    await writeFile(path.join(options.folder, `${String(i).padStart(width, '0')}.txt`), text);
  }
  return { files: options.count, items, bytes, titles };
}

async function readSamples(folder: string): Promise<Sample[]> {
  const names = (await readdir(folder)).filter((n) => n.endsWith('.txt')).sort();
  const samples: Sample[] = [];
  for (const name of names) {
    const lines = (await readFile(path.join(folder, name), 'utf8')).replace(/\r\n?/g, '\n').split('\n');
    const title = lines[0].trim();
    const header = lines.findIndex((l) => /^相关推荐[:：]?$/u.test(l.trim()));
    const head = lines.slice(1, header === -1 ? lines.length : header);
    const disclaimerAt = head.findIndex((l) => /^提示[:：]/u.test(l.trim()));
    const disclaimer = disclaimerAt === -1 ? '' : head[disclaimerAt].trim();
    const body = disclaimerAt === -1 ? head : head.slice(0, disclaimerAt);
    // Items are blocks of title, summary and "category date", separated by blank lines.
    const blocks = (header === -1 ? [] : lines.slice(header + 1)).map((l) => l.trim()).filter((l) => l !== '');
    const items: SampleItem[] = [];
    for (let n = 0; n + 2 < blocks.length; n += 3) items.push({ title: blocks[n], summary: blocks[n + 1], meta: blocks[n + 2] });
    samples.push({ title, body, disclaimer, items });
  }
  if (samples.every((s) => s.items.length === 0)) throw new Error(`No sample pages with 相关推荐 lists in ${folder}`);
  return samples;
}

/** mulberry32: the same pages for the same seed, so runs compare. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
