/**
 * Rooftop PV potential (屋顶光伏潜力): every rooftop's usable area, capacity, yield and CO₂ avoided under
 * parameters admins edit with their sources, installed and potential figures per unit, the fewest rooftops that
 * reach the plan's 50 % target, and the plan's energy indicators beside them.
 */
package cn.dongli.carbonmap.pv;
