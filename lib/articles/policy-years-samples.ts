// Texts with the policy years they state, shared by the unit test of extractPolicyYears and the
// integration test that checks PostgreSQL reads POLICY_YEAR_PATTERN the same way.
export const policyYearSamples: readonly { text: string; years: number[] }[] = [
  { text: '2024年度城乡居民医保个人缴费标准为每人每年380元,财政补助标准为每人每年640元。', years: [2024] },
  { text: '根据2025年最新政策,断缴后重新参保需等待3个月以上才能恢复报销资格', years: [2025] },
  { text: '自2025年1月1日起执行;2024年12月31日前缴费的按原标准', years: [2024, 2025] },
  { text: '2025 年的集中缴费期为9月至12月', years: [2025] },
  { text: '《关于做好2025年城乡居民基本医疗保障工作的通知》(医保发〔2025〕16号)', years: [2025] },
  { text: '按国发[1998]44号文件建立职工医保,2023年起调整', years: [1998, 2023] },
  { text: '医保380元一次没用了', years: [] },
  { text: '累计缴费满25年,男满30年、女满25年', years: [] },
  { text: '预约电话:0578-2285888 医务科电话:0578-2681062', years: [] },
  { text: '咨询热线 13800138000,12393', years: [] },
  { text: '健康新闻 2025-04-17', years: [] },
  { text: '编号12025年、版本3.2025年', years: [] },
  { text: '2.66万平方公里,3100亿元', years: [] },
  { text: '洛阳2016年GDP为3.7万亿元,南阳2020年为3100亿元', years: [2016, 2020] },
  { text: '2024-2025年度缴费', years: [2025] },
  { text: '一年一交,每年缴纳一次', years: [] },
  { text: '', years: [] },
];
