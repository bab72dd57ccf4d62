<?xml version="1.0" encoding="UTF-8"?>
<!-- CarbonMap · 土地覆盖 land cover, one colour per class (cover_class). SLD 1.0.0. -->
<StyledLayerDescriptor version="1.0.0"
    xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>land_cover</Name>
    <UserStyle>
      <Name>carbonmap_land_cover</Name>
      <Title>土地覆盖 Land cover</Title>
      <Abstract>By class (column cover_class).</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>forest</Name>
          <Title>林地 Forest</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>cover_class</ogc:PropertyName><ogc:Literal>forest</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill>
              <CssParameter name="fill">#2E7D32</CssParameter>
            </Fill>
            <Stroke>
              <CssParameter name="stroke">#FFFFFF</CssParameter>
              <CssParameter name="stroke-width">0.3</CssParameter>
            </Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>cropland</Name>
          <Title>耕地 Cropland</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>cover_class</ogc:PropertyName><ogc:Literal>cropland</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill>
              <CssParameter name="fill">#F3E08A</CssParameter>
            </Fill>
            <Stroke>
              <CssParameter name="stroke">#FFFFFF</CssParameter>
              <CssParameter name="stroke-width">0.3</CssParameter>
            </Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>orchard</Name>
          <Title>园地 Orchard</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>cover_class</ogc:PropertyName><ogc:Literal>orchard</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill>
              <CssParameter name="fill">#D9A6D9</CssParameter>
            </Fill>
            <Stroke>
              <CssParameter name="stroke">#FFFFFF</CssParameter>
              <CssParameter name="stroke-width">0.3</CssParameter>
            </Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>grassland</Name>
          <Title>草地 Grassland</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>cover_class</ogc:PropertyName><ogc:Literal>grassland</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill>
              <CssParameter name="fill">#B5D88A</CssParameter>
            </Fill>
            <Stroke>
              <CssParameter name="stroke">#FFFFFF</CssParameter>
              <CssParameter name="stroke-width">0.3</CssParameter>
            </Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>water</Name>
          <Title>水域 Water</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>cover_class</ogc:PropertyName><ogc:Literal>water</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill>
              <CssParameter name="fill">#6BAED6</CssParameter>
            </Fill>
            <Stroke>
              <CssParameter name="stroke">#FFFFFF</CssParameter>
              <CssParameter name="stroke-width">0.3</CssParameter>
            </Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>wetland</Name>
          <Title>湿地 Wetland</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>cover_class</ogc:PropertyName><ogc:Literal>wetland</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill>
              <CssParameter name="fill">#4FB3A9</CssParameter>
            </Fill>
            <Stroke>
              <CssParameter name="stroke">#FFFFFF</CssParameter>
              <CssParameter name="stroke-width">0.3</CssParameter>
            </Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>park_green</Name>
          <Title>公园绿地 Park green</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>cover_class</ogc:PropertyName><ogc:Literal>park_green</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill>
              <CssParameter name="fill">#74C476</CssParameter>
            </Fill>
            <Stroke>
              <CssParameter name="stroke">#FFFFFF</CssParameter>
              <CssParameter name="stroke-width">0.3</CssParameter>
            </Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>built</Name>
          <Title>建设用地 Built-up</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>cover_class</ogc:PropertyName><ogc:Literal>built</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill>
              <CssParameter name="fill">#C8B8A8</CssParameter>
            </Fill>
            <Stroke>
              <CssParameter name="stroke">#FFFFFF</CssParameter>
              <CssParameter name="stroke-width">0.3</CssParameter>
            </Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>road</Name>
          <Title>道路 Road</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>cover_class</ogc:PropertyName><ogc:Literal>road</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill>
              <CssParameter name="fill">#9E9E9E</CssParameter>
            </Fill>
            <Stroke>
              <CssParameter name="stroke">#FFFFFF</CssParameter>
              <CssParameter name="stroke-width">0.3</CssParameter>
            </Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>bare</Name>
          <Title>裸地 Bare</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>cover_class</ogc:PropertyName><ogc:Literal>bare</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill>
              <CssParameter name="fill">#E8D8B0</CssParameter>
            </Fill>
            <Stroke>
              <CssParameter name="stroke">#FFFFFF</CssParameter>
              <CssParameter name="stroke-width">0.3</CssParameter>
            </Stroke>
          </PolygonSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
