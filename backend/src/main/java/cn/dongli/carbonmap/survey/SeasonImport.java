package cn.dongli.carbonmap.survey;

import java.time.LocalDate;
import java.util.List;

import cn.dongli.carbonmap.layer.FeatureDraft;

/**
 * Survey seasons (调查季) brought in without the HTTP API: the sample data set's seasons on the first start of an empty
 * database. The same rules as {@code POST /api/seasons} and {@code POST /api/seasons/{code}/import} apply; the caller
 * has validated the plots (as the import does, with the layer's {@code FeatureValidator}). Both join the caller's
 * transaction.
 */
public interface SeasonImport {

    /**
     * Stores a past season's forest plots, closed and frozen at once.
     *
     * @throws cn.dongli.carbonmap.error.ProblemException 409 if the code is taken, 422 for an invalid code, name or date
     */
    void importPast(String code, String name, LocalDate surveyDate, List<FeatureDraft> plots, String actor);

    /**
     * Opens a season: the live forest plots are its working copy until it is closed.
     *
     * @throws cn.dongli.carbonmap.error.ProblemException 409 if the code is taken or another season is open
     */
    void openSeason(String code, String name, LocalDate surveyDate, boolean withLandCover, String actor);
}
