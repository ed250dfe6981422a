import { serializeJsonLd } from '@/lib/public/structured-data';

/** A schema.org block; serializeJsonLd escapes what could end the script element. */
export function JsonLd({ data }: { data: unknown }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}
