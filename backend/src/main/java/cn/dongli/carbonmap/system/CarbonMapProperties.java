package cn.dongli.carbonmap.system;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import cn.dongli.carbonmap.candidates.CandidateRules;
import cn.dongli.carbonmap.metrics.MetricsDefinitions;

/**
 * Every default of CarbonMap in one place; each can be overridden by a command-line argument
 * ({@code --carbonmap.data-dir=…}) or an environment variable ({@code CARBONMAP_DATA_DIR=…}).
 *
 * @param dataDir where the embedded database and temporary uploads live
 * @param loadSample whether an empty database receives the Dongli sample data set on start
 * @param anonymousRead whether anonymous users may read layers and indicators
 * @param importLimits limits on uploaded files
 * @param geometry rules for stored geometries
 * @param metrics what the indicators count, and the plan's targets
 * @param tiandituKey the Tianditu (天地图) browser key for base-map tiles (env {@code CARBONMAP_TIANDITU_KEY})
 * @param geoserverUrl the district's GeoServer, whose WMS layers the web map can add
 * @param geoserverWorkspace CarbonMap's workspace on that GeoServer
 * @param editing tolerances of the rules across features
 * @param reportsFont a font file with Chinese glyphs for PDF reports (else an installed one is looked for)
 * @param backup a backup to write, or to restore, instead of serving
 * @param requests limits on every request body
 * @param ogc paging of the OGC API – Features
 * @param unitMetricsRefresh how often the {@code unit_metrics} table GeoServer draws choropleths from is rewritten
 *                           (only when a layer changed); zero turns it off
 * @param featurePageCacheBytes memory for feature pages already rendered (gzipped GeoJSON of the features API, kept
 *                              until their layer changes); zero keeps none
 * @param candidates which features may be converted to what, per indicator (candidate sites)
 * @param http the reverse proxies whose forwarded headers are believed, and the host names links may use
 */
@ConfigurationProperties("carbonmap")
public record CarbonMapProperties(Path dataDir, Boolean loadSample, Boolean anonymousRead, ImportLimits importLimits,
                                  GeometryRules geometry, MetricsDefinitions metrics, String tiandituKey,
                                  String geoserverUrl, String geoserverWorkspace, Editing editing,
                                  String reportsFont, Backup backup, Requests requests, Ogc ogc,
                                  Duration unitMetricsRefresh, Long featurePageCacheBytes,
                                  CandidateRules candidates, Http http) {

    public CarbonMapProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        loadSample = loadSample == null || loadSample;
        anonymousRead = anonymousRead == null || anonymousRead;
        importLimits = importLimits == null ? new ImportLimits(null, null, null, null, null, null, null, null, null) : importLimits;
        geometry = geometry == null ? new GeometryRules(null, null, null, null, null) : geometry;
        metrics = metrics == null ? MetricsDefinitions.defaults() : metrics;
        geoserverWorkspace = geoserverWorkspace == null ? "carbonmap" : geoserverWorkspace;
        editing = editing == null ? new Editing(null, null) : editing;
        backup = backup == null ? new Backup(null, null, null) : backup;
        requests = requests == null ? new Requests(null, null, null) : requests;
        ogc = ogc == null ? new Ogc(null, null) : ogc;
        unitMetricsRefresh = unitMetricsRefresh == null ? Duration.ofMinutes(1) : unitMetricsRefresh;
        featurePageCacheBytes = featurePageCacheBytes == null ? 64L * 1024 * 1024 : featurePageCacheBytes;
        candidates = candidates == null ? CandidateRules.defaults() : candidates;
        http = http == null ? new Http(null, null) : http;
    }

    /**
     * Who the client is and which name it asked for, at the HTTP boundary.
     *
     * @param trustedProxies addresses (or CIDR ranges, e.g. {@code 10.0.0.0/8}) of the reverse proxies in front of
     *                       CarbonMap: only a request arriving from one of them has its {@code X-Forwarded-For},
     *                       {@code -Proto}, {@code -Host} and {@code -Port} believed. Empty (the default): none is.
     * @param allowedHosts host names (optionally {@code name:port}) the server may be asked by in {@code Host}: links
     *                     (OGC API) use such a name as it was asked; any other name is replaced by the address the
     *                     connection reached
     */
    public record Http(java.util.List<String> trustedProxies, java.util.List<String> allowedHosts) {
        public Http {
            trustedProxies = trustedProxies == null ? java.util.List.of() : java.util.List.copyOf(trustedProxies);
            allowedHosts = allowedHosts == null ? java.util.List.of() : java.util.List.copyOf(allowedHosts);
        }
    }

    /**
     * Paging of {@code /ogc/collections/{layer}/items}.
     *
     * @param defaultLimit features per page when the client gives no {@code limit}
     * @param maxLimit most features per page; a larger {@code limit} is served with this many (and a {@code next} link)
     */
    public record Ogc(Integer defaultLimit, Integer maxLimit) {
        public Ogc {
            defaultLimit = defaultLimit == null ? 100 : defaultLimit;
            maxLimit = maxLimit == null ? 10_000 : maxLimit;
        }
    }

    /**
     * Bounds on request bodies, so that neither an oversize body nor a client that trickles one can hold the heap or a
     * worker thread. Imports are bounded by {@link ImportLimits#maxBytes()} instead of {@code maxJsonBytes}.
     *
     * @param maxJsonBytes largest body of any request but an import (a feature, a split, a form), bytes
     * @param bodyTimeout longest time such a body may take to arrive
     * @param uploadTimeout longest time an import's body may take to arrive
     */
    public record Requests(Long maxJsonBytes, Duration bodyTimeout, Duration uploadTimeout) {
        public Requests {
            maxJsonBytes = maxJsonBytes == null ? 16L * 1024 * 1024 : maxJsonBytes;
            bodyTimeout = bodyTimeout == null ? Duration.ofSeconds(60) : bodyTimeout;
            uploadTimeout = uploadTimeout == null ? Duration.ofMinutes(15) : uploadTimeout;
        }
    }

    /**
     * @param maxBytes largest accepted request body of an import, bytes
     * @param maxUncompressedBytes largest total size of the files inside an uploaded zip, bytes
     * @param maxFeatures most features in one import
     * @param maxVerticesPerGeometry most vertices of one feature's geometry
     * @param maxVertices most vertices of all features of one import together
     * @param maxValues most attribute values of all features of one import together
     * @param readTimeout longest time reading one upload may take (after it has arrived)
     * @param threads imports read and written at once, on a pool of their own
     * @param queue imports waiting for a thread of that pool; more are refused (503)
     */
    public record ImportLimits(Long maxBytes, Long maxUncompressedBytes, Integer maxFeatures,
                               Long maxVerticesPerGeometry, Long maxVertices, Long maxValues, Duration readTimeout,
                               Integer threads, Integer queue) {
        public ImportLimits {
            maxBytes = maxBytes == null ? 256L * 1024 * 1024 : maxBytes;
            maxUncompressedBytes = maxUncompressedBytes == null ? 1024L * 1024 * 1024 : maxUncompressedBytes;
            maxFeatures = maxFeatures == null ? 500_000 : maxFeatures;
            maxVerticesPerGeometry = maxVerticesPerGeometry == null ? 2_000_000L : maxVerticesPerGeometry;
            maxVertices = maxVertices == null ? 5_000_000L : maxVertices;
            maxValues = maxValues == null ? 5_000_000L : maxValues;
            readTimeout = readTimeout == null ? Duration.ofMinutes(2) : readTimeout;
            threads = threads == null ? 2 : threads;
            queue = queue == null ? 4 : queue;
        }
    }


    /**
     * What overlap between features (of a layer that refuses overlaps), or part of a feature outside the district, is
     * digitising noise rather than an error.
     *
     * @param toleranceM2 up to this ground area, any
     * @param sliverWidthM whatever its area, one whose mean width is below this (a boundary drawn twice)
     */
    public record Editing(Double toleranceM2, Double sliverWidthM) {
        public Editing {
            toleranceM2 = toleranceM2 == null ? 1.0 : toleranceM2;
            sliverWidthM = sliverWidthM == null ? 0.2 : sliverWidthM;
        }
    }

    /**
     * @param exportTo write everything to this archive, then stop
     * @param restoreFrom restore this archive into the empty database, then stop
     * @param exit whether to stop after a backup or restore (default true)
     */
    public record Backup(Path exportTo, Path restoreFrom, Boolean exit) {
        public Backup {
            exit = exit == null || exit;
        }
    }

    /**
     * The service area (longitude/latitude box every coordinate must lie in) and the smallest polygon accepted.
     *
     * @param minLon west edge
     * @param minLat south edge
     * @param maxLon east edge
     * @param maxLat north edge
     * @param minAreaM2 smallest accepted ground area, m²
     */
    public record GeometryRules(Double minLon, Double minLat, Double maxLon, Double maxLat, Double minAreaM2) {
        public GeometryRules {
            minLon = minLon == null ? 116.6 : minLon;
            minLat = minLat == null ? 38.4 : minLat;
            maxLon = maxLon == null ? 118.2 : maxLon;
            maxLat = maxLat == null ? 40.4 : maxLat;
            minAreaM2 = minAreaM2 == null ? 0.01 : minAreaM2;
        }
    }
}
