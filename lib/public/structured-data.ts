// schema.org JSON-LD for the public pages. Pure: the pages render it, the tests parse it.
//
// An article is one question (its title) with one answer written by the site (its body), so it is
// a `QAPage` whose `Question` has the body as its `acceptedAnswer`: the shape schema.org gives a
// page "focused on a specific question and its answers". `Article` would lose the question, and
// `FAQPage` is for a page listing several questions. Region paths are `BreadcrumbList`s.

export type Crumb = { name: string; url: string };

/** JSON for inside <script type="application/ld+json">: no `<`, `>`, `&` or line separators that an HTML parser or a JS engine could read as markup. */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function breadcrumbList(crumbs: Crumb[]) {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, i) => ({ '@type': 'ListItem', position: i + 1, name: crumb.name, item: crumb.url })),
  };
}

/** The answer's text is capped: the page itself carries all of it. */
const maxAnswerChars = 5000;

export type QaPageInput = {
  url: string;
  title: string;
  summary: string;
  answerText: string;
  publishedAt: string | null;
  updatedAt: string;
  siteName: string;
  siteUrl: string;
  image: string | null;
};

export function qaPage(input: QaPageInput) {
  const author = { '@type': 'Organization', name: input.siteName, url: input.siteUrl };
  const answer = input.answerText.trim() || input.summary || input.title;
  return {
    '@context': 'https://schema.org',
    '@type': 'QAPage',
    url: input.url,
    inLanguage: 'zh-CN',
    ...(input.image ? { image: input.image } : {}),
    mainEntity: {
      '@type': 'Question',
      name: input.title,
      text: input.summary || input.title,
      answerCount: 1,
      author,
      ...(input.publishedAt ? { datePublished: input.publishedAt } : {}),
      dateModified: input.updatedAt,
      acceptedAnswer: {
        '@type': 'Answer',
        text: answer.length > maxAnswerChars ? `${answer.slice(0, maxAnswerChars - 1)}…` : answer,
        url: input.url,
        author,
        ...(input.publishedAt ? { datePublished: input.publishedAt } : {}),
        dateModified: input.updatedAt,
        upvoteCount: 0,
      },
    },
  };
}
