/**
 * The plan's annex (主要指标分工表): every indicator with its responsible office (责任单位) and target, and the latest
 * values staff enter for those that the layers cannot compute (new-energy vehicle share, clean-power capacity, …).
 */
package cn.dongli.carbonmap.plan;
