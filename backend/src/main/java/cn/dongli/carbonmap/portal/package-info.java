/** What the web client needs to know about this installation: base-map keys, GeoServer, zoom thresholds. */
package cn.dongli.carbonmap.portal;
