package org.nuisance.engine.higgsml;

import java.util.List;

/** Names of the FAIR Universe primary (PRI) columns. Momenta in GeV, angles in radians. */
public final class Pri {
    public static final String LEP_PT = "PRI_lep_pt";
    public static final String LEP_ETA = "PRI_lep_eta";
    public static final String LEP_PHI = "PRI_lep_phi";
    public static final String HAD_PT = "PRI_had_pt";
    public static final String HAD_ETA = "PRI_had_eta";
    public static final String HAD_PHI = "PRI_had_phi";
    public static final String JET1_PT = "PRI_jet_leading_pt";
    public static final String JET1_ETA = "PRI_jet_leading_eta";
    public static final String JET1_PHI = "PRI_jet_leading_phi";
    public static final String JET2_PT = "PRI_jet_subleading_pt";
    public static final String JET2_ETA = "PRI_jet_subleading_eta";
    public static final String JET2_PHI = "PRI_jet_subleading_phi";
    public static final String N_JETS = "PRI_n_jets";
    public static final String JET_ALL_PT = "PRI_jet_all_pt";
    public static final String MET = "PRI_met";
    public static final String MET_PHI = "PRI_met_phi";

    /** The 16 PRI columns in the FAIR Universe file order. */
    public static final List<String> ALL = List.of(LEP_PT, LEP_ETA, LEP_PHI, HAD_PT, HAD_ETA, HAD_PHI,
            JET1_PT, JET1_ETA, JET1_PHI, JET2_PT, JET2_ETA, JET2_PHI, N_JETS, JET_ALL_PT, MET, MET_PHI);

    private Pri() {
    }

    /** The unit of a column for axis labels: "GeV" for momenta and masses, "" otherwise. */
    public static String unit(String column) {
        DerivedQuantity d = DerivedQuantity.byColumn(column);
        if (d != null) {
            return d.unit();
        }
        return column.endsWith("_pt") || column.equals(MET) || column.equals("PRI_met_sumet")
                || column.equals("DER_mass_MMC") ? "GeV" : "";
    }
}
