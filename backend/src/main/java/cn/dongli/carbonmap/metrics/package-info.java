/**
 * The indicator engine: the carbon-peak plan's spatial indicators (蓝绿空间占比, 森林覆盖率, 森林蓄积量, 屋顶光伏覆盖率,
 * 高标准农田) per control zone, street, the barrier and the district, computed in the JVM on in-memory, grid-cut copies
 * of the layers that follow the store's change log, so that every committed write shows in the next answer.
 */
package cn.dongli.carbonmap.metrics;
