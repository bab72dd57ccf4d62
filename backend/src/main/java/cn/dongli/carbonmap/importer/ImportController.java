package cn.dongli.carbonmap.importer;

import java.io.IOException;
import java.util.concurrent.CompletionException;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

import cn.dongli.carbonmap.error.ProblemException;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.edit.FeatureEditor;
import cn.dongli.carbonmap.security.Account;
import cn.dongli.carbonmap.security.EditPermissions.Write;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /api/layers/{layer}/import?mode=append|replace&srcCrs=…&skipInvalid=…}: the body is the file itself.
 *
 * <p>The body is spooled on the request's worker; the import then runs on the {@link ImportPool} and the worker is
 * released (an asynchronous request). Should the container report an error or a timeout of the request, the import is
 * cancelled and writes nothing; Tomcat does not notice a client that closes its connection meanwhile, so such an
 * import ends at its read budget.
 */
@RestController
class ImportController {

    private final LayerCatalog catalog;
    private final FeatureImporter importer;
    private final FeatureEditor editor;

    ImportController(LayerCatalog catalog, FeatureImporter importer, FeatureEditor editor) {
        this.catalog = catalog;
        this.importer = importer;
        this.editor = editor;
    }

    @PostMapping("/api/layers/{layer}/import")
    DeferredResult<FeatureImporter.Result> importFile(@PathVariable String layer,
                                                      @RequestParam(defaultValue = "append") String mode,
                                                      @RequestParam(required = false) String srcCrs,
                                                      @RequestParam(defaultValue = "false") boolean skipInvalid,
                                                      HttpServletRequest request) throws IOException {
        var l = catalog.get(layer);
        Account account = editor.require(l, Write.IMPORT);
        if (!mode.equals("append") && !mode.equals("replace")) {
            throw ProblemException.badRequest("invalid-parameter", "mode must be append or replace");
        }
        FeatureImporter.ImportJob job = importer.startImport(l, request.getInputStream(), request.getContentType(),
                request.getContentLengthLong(), mode.equals("replace"), srcCrs, skipInvalid, account);
        // no timeout of its own: reading is bounded by the read budget, writing by what was read
        DeferredResult<FeatureImporter.Result> result = new DeferredResult<>(-1L);
        result.onError(e -> job.cancel().run());
        result.onTimeout(job.cancel());
        job.result().whenComplete((value, failure) -> {
            if (failure == null) {
                result.setResult(value);
            } else {
                result.setErrorResult(failure instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : failure);
            }
        });
        return result;
    }
}
