<?xml version="1.0" encoding="UTF-8"?>
<!-- CarbonMap · 屋顶光伏 rooftops by PV (pv_installed). SLD 1.0.0. -->
<StyledLayerDescriptor version="1.0.0"
    xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>pv_rooftops</Name>
    <UserStyle>
      <Name>carbonmap_pv_rooftops</Name>
      <Title>屋顶光伏 Rooftop PV</Title>
      <Abstract>Rooftops with PV installed and without.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>pv_installed</Name>
          <Title>已装光伏 PV installed</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>pv_installed</ogc:PropertyName><ogc:Literal>true</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill>
              <CssParameter name="fill">#F57C00</CssParameter>
            </Fill>
            <Stroke>
              <CssParameter name="stroke">#A84300</CssParameter>
              <CssParameter name="stroke-width">0.5</CssParameter>
            </Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>no_pv</Name>
          <Title>未装光伏 No PV</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>pv_installed</ogc:PropertyName><ogc:Literal>false</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill>
              <CssParameter name="fill">#CFD8DC</CssParameter>
            </Fill>
            <Stroke>
              <CssParameter name="stroke">#78909C</CssParameter>
              <CssParameter name="stroke-width">0.5</CssParameter>
            </Stroke>
          </PolygonSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
