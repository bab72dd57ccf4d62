/**
 * The layer catalogue (the seven layers, their attribute schemas and rules), the {@link
 * cn.dongli.carbonmap.layer.FeatureStore} port through which features are stored, and the layers' HTTP API.
 */
package cn.dongli.carbonmap.layer;
