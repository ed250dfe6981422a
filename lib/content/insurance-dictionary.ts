// Words of the medical-insurance domain that jieba's general dictionary splits or misses; loaded
// into the shared segmenter (./segmenter.ts) so each is one token (居民医保, not 居民/医保).
// High frequencies make jieba prefer them over the general words they contain.
export const insuranceWords: readonly string[] = [
  '医保', '断缴', '断保', '停保', '门诊', '门慢', '异地就医', '跨省就医', '职工医保', '居民医保', '城乡居民医保',
  '起付线', '起付标准', '报销比例', '支付比例', '大病保险', '大病医保', '特殊门诊', '慢特病', '门诊慢特病',
  '门诊慢性病', '参保', '参保人', '缴费年限', '缴费基数', '医保卡', '社保卡', '医保码', '医保电子凭证',
  '个人账户', '统筹基金', '定点医院', '定点医疗机构', '定点药店', '医疗救助', '长期护理保险', '长护险',
  '生育保险', '生育津贴', '灵活就业', '直接结算', '备案', '转诊', '住院报销', '门诊共济', '医保目录',
  '城乡居民基本医疗保险', '城镇职工基本医疗保险', '基本医疗保险', '职工基本医疗保险', '医疗保险', '待遇等待期',
];

/** In jieba's dictionary format: "word frequency" per line. */
export function insuranceDictionary(): Uint8Array {
  return Buffer.from(insuranceWords.map((w) => `${w} 200000 n`).join('\n') + '\n', 'utf8');
}
