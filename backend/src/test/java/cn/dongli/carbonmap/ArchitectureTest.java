package cn.dongli.carbonmap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency rules of ../shared/STYLE.md, held by the build. */
@AnalyzeClasses(packages = "cn.dongli.carbonmap", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The geometry core knows only the JDK, JTS and Apache SIS (and GeoAPI, SIS's interfaces). */
    @ArchTest
    static final ArchRule geometryCoreIsPure = classes().that().resideInAPackage("cn.dongli.carbonmap.geom")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.locationtech.jts..",
                    "org.apache.sis..", "org.opengis..", "cn.dongli.carbonmap.geom..");

    /** The file readers add Jackson's streaming parser and JDBC (for GeoPackages), never Spring. */
    @ArchTest
    static final ArchRule fileReadersUseNoSpring = noClasses().that().resideInAPackage("cn.dongli.carbonmap.geom..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..");

    /** Nothing imports the cross-cutting HTTP package or the wiring. */
    @ArchTest
    static final ArchRule nobodyImportsWebOrSystem = noClasses().that()
            .resideOutsideOfPackages("cn.dongli.carbonmap.web..", "cn.dongli.carbonmap.system..")
            .should().dependOnClassesThat().resideInAnyPackage("cn.dongli.carbonmap.web..", "cn.dongli.carbonmap.system..");

    /** The stores are reached through the FeatureStore port only. */
    @ArchTest
    static final ArchRule storesHideBehindThePort = noClasses().that()
            .resideOutsideOfPackage("cn.dongli.carbonmap.layer.store..")
            .should().dependOnClassesThat().resideInAPackage("cn.dongli.carbonmap.layer.store..");

    /** The layer package does not know the features built on it. */
    @ArchTest
    static final ArchRule layerDoesNotDependOnFeatures = noClasses().that().resideInAPackage("cn.dongli.carbonmap.layer..")
            .should().dependOnClassesThat().resideInAnyPackage("cn.dongli.carbonmap.metrics..",
                    "cn.dongli.carbonmap.importer..", "cn.dongli.carbonmap.projects..", "cn.dongli.carbonmap.plan..",
                    "cn.dongli.carbonmap.sample..", "cn.dongli.carbonmap.security..", "cn.dongli.carbonmap.ogc..",
                    "cn.dongli.carbonmap.export..");
}
