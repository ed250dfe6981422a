import { z } from 'zod';
import { isIsoDate } from '@/lib/dates';

// The article form's boundary, shared by the client form and the server action.
const isoDateOrEmpty = z
  .string()
  .trim()
  .refine((v) => v === '' || isIsoDate(v), '日期格式应为 YYYY-MM-DD');

export const recommendationInputSchema = z.object({
  title: z.string().trim().min(1, '推荐条目需要标题').max(200, '推荐标题不超过 200 字'),
  summary: z.string().trim().max(1000, '推荐摘要不超过 1000 字'),
  category: z.string().trim().max(50, '分类不超过 50 字'),
  itemDate: isoDateOrEmpty,
  targetArticleId: z.string().min(1).max(40).nullable(),
});

export const slugSchema = z
  .string()
  .trim()
  .min(1, '请填写链接名')
  .max(120, '链接名不超过 120 个字符')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, '链接名只能包含小写字母、数字和连字符');

const regionCodeSchema = z.string().regex(/^\d{6}$/, '地区代码无效');

/**
 * A region tag as the editor sends it. The server trusts `origin` only as far as a client may
 * change it: an AUTO suggestion stays AUTO or is accepted (MANUAL); a code that is not already an
 * AUTO row on the article becomes a MANUAL tag whatever the client says.
 */
export const regionTagInputSchema = z.object({
  code: regionCodeSchema,
  origin: z.enum(['AUTO', 'MANUAL']),
});

export const articleFieldsSchema = z.object({
  title: z.string().trim().min(1, '请填写标题').max(200, '标题不超过 200 字'),
  slug: slugSchema,
  summary: z.string().trim().max(500, '摘要不超过 500 字'),
  disclaimer: z.string().trim().max(500, '提示语不超过 500 字'),
  contentDate: isoDateOrEmpty,
  regions: z
    .array(regionTagInputSchema)
    .max(50, '地区标签过多')
    .refine((tags) => new Set(tags.map((t) => t.code)).size === tags.length, '地区标签重复'),
  // Suggestions the editor rejected in this edit. Only codes that are AUTO rows of the article
  // are recorded (in Article.rejectedRegionCodes); re-detection never suggests them again.
  rejectedRegionCodes: z.array(regionCodeSchema).max(50, '拒绝的地区过多').optional(),
  recommendations: z.array(recommendationInputSchema).max(100, '推荐条目不超过 100 条'),
  // The body is validated separately by lib/content/body-schema.ts.
  body: z.unknown(),
});

export const saveArticleSchema = articleFieldsSchema
  .extend({
    id: z.string().min(1).max(40),
    version: z.coerce.number().int().positive(),
  })
  .refine((input) => !input.rejectedRegionCodes?.some((code) => input.regions.some((r) => r.code === code)), {
    message: '同一地区不能既保留又拒绝',
    path: ['rejectedRegionCodes'],
  });

export type ArticleFields = z.infer<typeof articleFieldsSchema>;
export type SaveArticleInput = z.infer<typeof saveArticleSchema>;
export type RecommendationInput = z.infer<typeof recommendationInputSchema>;
export type RegionTagInput = z.infer<typeof regionTagInputSchema>;
