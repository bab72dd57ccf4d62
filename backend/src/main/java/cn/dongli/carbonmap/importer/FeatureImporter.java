package cn.dongli.carbonmap.importer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.geom.CoordinateTransform;
import cn.dongli.carbonmap.geom.Crs;
import cn.dongli.carbonmap.geom.io.CsvWktReader;
import cn.dongli.carbonmap.geom.io.GeoJsonReader;
import cn.dongli.carbonmap.geom.io.GeoPackageReader;
import cn.dongli.carbonmap.geom.io.InputLimitException;
import cn.dongli.carbonmap.geom.io.ReadBudget;
import cn.dongli.carbonmap.geom.io.SafeZip;
import cn.dongli.carbonmap.geom.io.ShapefileReader;
import cn.dongli.carbonmap.geom.io.SourceDataset;
import cn.dongli.carbonmap.geom.io.SourceFeature;
import cn.dongli.carbonmap.geom.io.UnreadableInputException;
import cn.dongli.carbonmap.layer.FeatureDraft;
import cn.dongli.carbonmap.layer.FeatureValidator;
import cn.dongli.carbonmap.layer.InvalidFeaturesException;
import cn.dongli.carbonmap.layer.InvalidFeaturesException.FeatureError;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.security.Account;
import cn.dongli.carbonmap.edit.FeatureEditor;

/**
 * Imports one upload into a layer. All or nothing: unless {@code skipInvalid} is set, one refused feature means nothing
 * is written; the features that pass are written in one transaction. The upload is spooled on the request's thread,
 * then read, validated and written on the {@link ImportPool} within a {@link ReadBudget} (features, vertices, values,
 * time) that the readers charge as they stream; an import that is cancelled writes nothing.
 */
@Component
public class FeatureImporter {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureImporter.class);
    private static final int MAX_ZIP_ENTRIES = 64;

    private final FeatureEditor editor;
    private final FeatureValidator validator;
    private final ImportSettings settings;
    private final ImportPool pool;

    FeatureImporter(FeatureEditor editor, FeatureValidator validator, ImportSettings settings, ImportPool pool) {
        this.editor = editor;
        this.validator = validator;
        this.settings = settings;
        this.pool = pool;
    }

    /**
     * What an import did.
     *
     * @param layer the layer
     * @param mode append or replace
     * @param format the file format read
     * @param sourceCrs the CRS the coordinates were taken to be in
     * @param read features in the file
     * @param imported features written
     * @param skipped features refused (only with skipInvalid)
     * @param errors the refused features and why
     */
    public record Result(String layer, String mode, String format, String sourceCrs, int read, int imported,
                         int skipped, List<Map<String, Object>> errors) {
    }

    /**
     * An import under way on the {@link ImportPool}.
     *
     * @param result what the import did, or its failure (a {@link ProblemException} for what the client can act on)
     * @param cancel stops the import: reading stops at its next check, and nothing is written
     */
    public record ImportJob(CompletableFuture<Result> result, Runnable cancel) {
    }

    /**
     * Spools the upload on the calling thread (bounded in size, and in time by the request limits), then reads,
     * validates and writes it on the {@link ImportPool} within the read budget of {@link ImportSettings}.
     *
     * @param srcCrs the CRS the caller says the coordinates are in (overrides the file's), or null
     * @throws ProblemException 400 unreadable, 413 too large, 415 unknown format, 503 too many imports; the job's
     *                          result fails with 400, 413 (a size limit), 422 (the time limit, a GeoPackage view, invalid
     *                          features)
     */
    public ImportJob startImport(Layer layer, InputStream body, String contentType, long contentLength,
                                 boolean replace, String srcCrs, boolean skipInvalid, Account actor)
            throws IOException {
        if (contentLength > settings.maxBytes()) {
            throw tooLarge("the upload has " + contentLength + " bytes; the limit is " + settings.maxBytes(),
                    "max-bytes", settings.maxBytes());
        }
        Files.createDirectories(settings.tempDir());
        Path work = Files.createTempDirectory(settings.tempDir(), "import-");
        boolean submitted = false;
        try {
            Path upload = work.resolve("upload");
            spool(body, upload);
            UploadFormat format = UploadFormat.detect(contentType, upload);
            if (format == null) {
                throw new ProblemException(415, "unsupported-format", "Unsupported format",
                        "send a GeoJSON FeatureCollection (application/geo+json), a zipped shapefile (application/zip)"
                                + ", a GeoPackage (application/geopackage+sqlite3) or a CSV with a WKT column (text/csv)");
            }
            // the audit log names the client's address, and the write may ask who is signed in
            RequestAttributes request = RequestContextHolder.getRequestAttributes();
            SecurityContext security = SecurityContextHolder.getContext();
            Cancel cancel = new Cancel();
            CompletableFuture<Result> result = pool.submit(() -> {
                RequestContextHolder.setRequestAttributes(request);
                SecurityContextHolder.setContext(security);
                try {
                    ReadBudget budget = cancel.start(settings.readLimits());
                    LOG.info("reading a {} upload of {} bytes for {}", format, Files.size(upload), layer.name());
                    long started = System.nanoTime();
                    SourceDataset data = read(format, upload, work, srcCrs != null && !srcCrs.isBlank(), budget);
                    LOG.info("read {} features of {} in {} ms", data.features().size(), data.format(),
                            (System.nanoTime() - started) / 1_000_000);
                    return write(layer, data, replace, srcCrs, skipInvalid, actor, budget);
                } catch (ProblemException e) {
                    LOG.info("import into {} refused: {} {}{}", layer.name(), e.status(), e.code(),
                            e.extensions().containsKey("limit") ? " (limit " + e.extensions().get("limit") + ")" : "");
                    throw e;
                } finally {
                    deleteTree(work);
                    RequestContextHolder.resetRequestAttributes();
                    SecurityContextHolder.clearContext();
                }
            }, cancel);
            submitted = true;
            return new ImportJob(result, cancel);
        } finally {
            if (!submitted) {
                deleteTree(work);
            }
        }
    }

    /** Cancels an import's budget, whether or not its read has started. */
    private static final class Cancel implements Runnable {
        private volatile boolean cancelled;
        private volatile ReadBudget budget;

        ReadBudget start(ReadBudget.Limits limits) {
            budget = ReadBudget.start(limits);
            if (cancelled) {
                budget.cancel();
            }
            return budget;
        }

        @Override
        public void run() {
            cancelled = true;
            ReadBudget b = budget;
            if (b != null) {
                b.cancel();
            }
        }
    }

    /** Imports features that are already read, as the system (the sample data): no account's rights apply. */
    public Result importDataset(Layer layer, SourceDataset data, boolean replace) {
        return write(layer, data, replace, null, false, null, null);
    }

    private void spool(InputStream body, Path target) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = new BufferedInputStream(body); OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > settings.maxBytes()) {
                    throw tooLarge("the upload exceeds the limit of " + settings.maxBytes() + " bytes", "max-bytes",
                            settings.maxBytes());
                }
                out.write(buffer, 0, n);
            }
        }
        if (total == 0) {
            throw ProblemException.badRequest("empty-upload", "the request body is empty");
        }
    }

    private SourceDataset read(UploadFormat format, Path upload, Path work, boolean crsGiven, ReadBudget budget)
            throws IOException {
        try {
            return switch (format) {
                case GEOJSON -> {
                    try (InputStream in = Files.newInputStream(upload)) {
                        yield GeoJsonReader.read(in, budget);
                    }
                }
                case GEOPACKAGE -> GeoPackageReader.read(upload, null, budget);
                case CSV_WKT -> {
                    try (InputStream in = Files.newInputStream(upload)) {
                        yield CsvWktReader.read(in, budget);
                    }
                }
                case SHAPEFILE_ZIP -> {
                    Path dir = Files.createDirectories(work.resolve("zip"));
                    SafeZip.extract(upload, dir, settings.maxUncompressedBytes(), MAX_ZIP_ENTRIES);
                    budget.check(-1);
                    yield ShapefileReader.read(dir, !crsGiven, budget);
                }
            };
        } catch (SafeZip.TooLargeException e) {
            throw tooLarge(e.getMessage(), "max-uncompressed-bytes", settings.maxUncompressedBytes());
        } catch (InputLimitException e) {
            throw limitProblem(e);
        } catch (UnreadableInputException e) {
            throw ProblemException.badRequest("unreadable-file", e.getMessage());
        }
    }

    /** Validates and writes; a budget that is cancelled stops it before anything is written. */
    private Result write(Layer layer, SourceDataset data, boolean replace, String srcCrs, boolean skipInvalid,
                         Account actor, ReadBudget budget) {
        long started = System.nanoTime();
        if (data.features().size() > settings.maxFeatures()) {
            throw tooLarge("the file has " + data.features().size() + " features; the limit is "
                    + settings.maxFeatures(), "max-features", settings.maxFeatures());
        }
        Crs.Code crs = sourceCrs(data, srcCrs);
        CoordinateTransform toStorage;
        try {
            toStorage = Crs.toStorage(crs);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("unsupported-crs", e.getMessage());
        }
        Map<Integer, FeatureDraft> drafts = new LinkedHashMap<>();
        List<FeatureError> errors = new ArrayList<>();
        for (SourceFeature f : data.features()) {
            cancelled(budget, f.index());
            if (f.problem() != null) {
                errors.add(new FeatureError(f.index(), "unreadable_geometry", f.problem(), null));
                continue;
            }
            FeatureValidator.Checked checked = validator.check(layer, f.geometry(), toStorage, f.properties());
            if (checked.valid()) {
                drafts.put(f.index(), checked.draft());
            } else {
                for (FeatureValidator.Problem p : checked.problems()) {
                    errors.add(new FeatureError(f.index(), p.code(), p.message(), p.location()));
                }
            }
        }
        if (data.features().isEmpty()) {
            throw new ProblemException(422, "no-features", "No features", "the file contains no features");
        }
        if (!errors.isEmpty() && !skipInvalid) {
            throw new InvalidFeaturesException(layer, errors, data.features().size());
        }
        cancelled(budget, -1);
        long validated = System.nanoTime();
        LOG.info("writing {} features into {} ({})", drafts.size(), layer.name(), replace ? "replace" : "append");
        int written = editor.importDrafts(layer, drafts, data.features().size(), errors, replace, skipInvalid, actor);
        int refused = data.features().size() - written;
        LOG.info("imported {} features into {} ({}; {} refused): validated in {} ms, checked and written in {} ms",
                written, layer.name(), data.format(), refused, (validated - started) / 1_000_000,
                (System.nanoTime() - validated) / 1_000_000);
        List<Map<String, Object>> errorJson = errors.stream().map(FeatureImporter::json).toList();
        return new Result(layer.name(), replace ? "replace" : "append", data.format(), crs.toString(),
                data.features().size(), written, refused, errorJson);
    }

    private static Crs.Code sourceCrs(SourceDataset data, String srcCrs) {
        if (srcCrs != null && !srcCrs.isBlank()) {
            try {
                return Crs.parse(srcCrs);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("unsupported-crs", e.getMessage());
            }
        }
        if (data.crs() != null) {
            return data.crs();
        }
        if ("GeoJSON".equals(data.format()) || "CSV".equals(data.format())) {
            // RFC 7946 GeoJSON is longitude/latitude; a CSV says nothing: both are taken as CGCS2000 degrees (the
            // service-area check refuses projected metres given as degrees)
            return new Crs.Code(Crs.CGCS2000, false);
        }
        throw ProblemException.badRequest("unknown-crs", "the " + data.format()
                + " does not say its CRS (no .prj); give it with srcCrs, e.g. srcCrs=EPSG:4548");
    }

    private static Map<String, Object> json(FeatureError e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", e.index());
        m.put("code", e.code());
        m.put("reason", e.reason());
        if (e.location() != null) {
            m.put("location", Map.of("type", "Point", "coordinates", e.location()));
        }
        return m;
    }

    private static void cancelled(ReadBudget budget, int feature) {
        if (budget != null && budget.cancelled()) {
            throw limitProblem(new InputLimitException(InputLimitException.Limit.CANCELLED, 0, feature,
                    "the import was cancelled before anything was written"));
        }
    }

    private static ProblemException tooLarge(String detail, String limit, long value) {
        return new ProblemException(413, "payload-too-large", "Upload too large", detail,
                Map.of("limit", limit, "limitValue", value));
    }

    /**
     * A limit of the read budget as problem JSON naming it: the size limits 413, the time limit, a GeoPackage's view
     * and a cancelled import 422; {@code feature} is the zero-based index of the feature being read, when known.
     */
    public static ProblemException limitProblem(InputLimitException e) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("limit", e.limit().id());
        if (e.limit() != InputLimitException.Limit.TABLES_ONLY && e.limit() != InputLimitException.Limit.CANCELLED) {
            ext.put("limitValue", e.value());
        }
        if (e.feature() >= 0) {
            ext.put("feature", e.feature());
        }
        return switch (e.limit()) {
            case MAX_FEATURES, MAX_VERTICES_PER_GEOMETRY, MAX_VERTICES, MAX_VALUES ->
                    new ProblemException(413, "payload-too-large", "Upload too large", e.getMessage()
                            + "; nothing was written", ext);
            case READ_TIME -> new ProblemException(422, "read-time-exceeded", "Reading the upload took too long",
                    e.getMessage() + "; nothing was written", ext);
            case TABLES_ONLY -> new ProblemException(422, "unsupported-geopackage", "Unsupported GeoPackage",
                    e.getMessage() + "; nothing was written", ext);
            case CANCELLED -> new ProblemException(422, "import-cancelled", "Import cancelled",
                    e.getMessage() + "; nothing was written", ext);
        };
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("cannot delete temporary file {}", p);
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot clean temporary directory {}", dir);
        }
    }
}
