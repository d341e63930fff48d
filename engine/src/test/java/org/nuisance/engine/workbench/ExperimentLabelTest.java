package org.nuisance.engine.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nuisance.engine.SharedData;

/** The experiment label says only what the source knows: its energy and luminosity where they are defined. */
class ExperimentLabelTest {

    /**
     * The FAIR sample's weights are events at 10 fb^-1 (ztautau sums to 1.0032e6, ../shared/data/README.md)
     * and the dataset was generated at 13 TeV (Zenodo 15131565).
     */
    @Test
    void theFairSampleIsAt13TeVAndTenInverseFemtobarns() throws Exception {
        EventsSource s = (EventsSource) Sources.open(SharedData.fairUniverseParquet(), m -> { });
        assertEquals("FAIR Universe HiggsML simulation   \u221as = 13 TeV, 10 fb\u207b\u00b9", ExperimentLabel.of(s));
    }

    /** The 2014 release's energy is not in the project's reference: its label invents none. */
    @Test
    void the2014ReleaseIsNamedWithoutAnInventedEnergy() throws Exception {
        EventsSource s = (EventsSource) Sources.open(SharedData.higgsMl2014Csv(), m -> { });
        assertEquals("HiggsML 2014 simulation", ExperimentLabel.of(s));
    }
}
