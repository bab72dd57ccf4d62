<?xml version="1.0" encoding="UTF-8"?>
<!-- CarbonMap · 林地小班 forest plots by canopy closure. SLD 1.0.0. -->
<StyledLayerDescriptor version="1.0.0"
    xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>forest_plots</Name>
    <UserStyle>
      <Name>carbonmap_forest_plots</Name>
      <Title>林地小班 Forest plots</Title>
      <Abstract>By canopy closure (郁闭度); 0.2 is the forest threshold of the forest-cover indicator.</Abstract>
      <FeatureTypeStyle>
        <Rule>
          <Name>sparse</Name>
          <Title>郁闭度 &lt; 0.2（未成林）Canopy closure below 0.2</Title>
          <ogc:Filter><ogc:PropertyIsLessThan><ogc:PropertyName>canopy_closure</ogc:PropertyName><ogc:Literal>0.2</ogc:Literal></ogc:PropertyIsLessThan></ogc:Filter>
          <PolygonSymbolizer>
            <Fill>
              <CssParameter name="fill">#EDF8E9</CssParameter>
            </Fill>
            <Stroke>
              <CssParameter name="stroke">#00441B</CssParameter>
              <CssParameter name="stroke-width">0.4</CssParameter>
            </Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>low</Name>
          <Title>0.2–0.4</Title>
          <ogc:Filter><ogc:And><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>canopy_closure</ogc:PropertyName><ogc:Literal>0.2</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyIsLessThan><ogc:PropertyName>canopy_closure</ogc:PropertyName><ogc:Literal>0.4</ogc:Literal></ogc:PropertyIsLessThan></ogc:And></ogc:Filter>
          <PolygonSymbolizer>
            <Fill>
              <CssParameter name="fill">#BAE4B3</CssParameter>
            </Fill>
            <Stroke>
              <CssParameter name="stroke">#00441B</CssParameter>
              <CssParameter name="stroke-width">0.4</CssParameter>
            </Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>medium</Name>
          <Title>0.4–0.7</Title>
          <ogc:Filter><ogc:And><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>canopy_closure</ogc:PropertyName><ogc:Literal>0.4</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyIsLessThan><ogc:PropertyName>canopy_closure</ogc:PropertyName><ogc:Literal>0.7</ogc:Literal></ogc:PropertyIsLessThan></ogc:And></ogc:Filter>
          <PolygonSymbolizer>
            <Fill>
              <CssParameter name="fill">#74C476</CssParameter>
            </Fill>
            <Stroke>
              <CssParameter name="stroke">#00441B</CssParameter>
              <CssParameter name="stroke-width">0.4</CssParameter>
            </Stroke>
          </PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>dense</Name>
          <Title>≥ 0.7</Title>
          <ogc:Filter><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>canopy_closure</ogc:PropertyName><ogc:Literal>0.7</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo></ogc:Filter>
          <PolygonSymbolizer>
            <Fill>
              <CssParameter name="fill">#238B45</CssParameter>
            </Fill>
            <Stroke>
              <CssParameter name="stroke">#00441B</CssParameter>
              <CssParameter name="stroke-width">0.4</CssParameter>
            </Stroke>
          </PolygonSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
