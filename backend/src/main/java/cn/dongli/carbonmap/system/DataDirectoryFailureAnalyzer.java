package cn.dongli.carbonmap.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an unusable data directory into a short message at start instead of a page of stack trace. */
class DataDirectoryFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryException cause) {
        return new FailureAnalysis(cause.getMessage() + (cause.getCause() == null ? ""
                        : " (" + cause.getCause().getMessage() + ")") + ". Nothing was changed.",
                "Give CarbonMap a writable data directory with free space: free space or fix the permissions of "
                        + cause.directory() + ", or choose another with --carbonmap.data-dir=… (CARBONMAP_DATA_DIR).",
                cause);
    }
}
