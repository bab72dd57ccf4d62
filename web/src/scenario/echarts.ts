// The parts of ECharts the scenario comparison uses (loaded on demand by CompareChart).
import * as echarts from 'echarts/core';
import { BarChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export const { init } = echarts;
