package org.nuisance.engine.higgsml;

/** The twelve DER columns of the FAIR Universe data, recomputed from the PRI columns after each shift. */
public enum DerivedQuantity {
    MASS_TRANSVERSE_MET_LEP("DER_mass_transverse_met_lep", true, "GeV"),
    MASS_VIS("DER_mass_vis", false, "GeV"),
    PT_H("DER_pt_h", true, "GeV"),
    DELTAETA_JET_JET("DER_deltaeta_jet_jet", false, ""),
    MASS_JET_JET("DER_mass_jet_jet", false, "GeV"),
    PRODETA_JET_JET("DER_prodeta_jet_jet", false, ""),
    DELTAR_HAD_LEP("DER_deltar_had_lep", false, ""),
    PT_TOT("DER_pt_tot", true, "GeV"),
    SUM_PT("DER_sum_pt", false, "GeV"),
    PT_RATIO_LEP_HAD("DER_pt_ratio_lep_had", false, ""),
    MET_PHI_CENTRALITY("DER_met_phi_centrality", true, ""),
    LEP_ETA_CENTRALITY("DER_lep_eta_centrality", false, "");

    private final String column;
    private final boolean needsMet;
    private final String unit;

    DerivedQuantity(String column, boolean needsMet, String unit) {
        this.column = column;
        this.needsMet = needsMet;
        this.unit = unit;
    }

    public String column() {
        return column;
    }

    /** True if the quantity depends on the missing transverse energy, which every shape NP moves. */
    public boolean needsMet() {
        return needsMet;
    }

    /** "GeV" or "" for dimensionless quantities. */
    public String unit() {
        return unit;
    }

    /** The quantity stored in the named column, or null if the column is not a DER column. */
    public static DerivedQuantity byColumn(String column) {
        for (DerivedQuantity d : values()) {
            if (d.column.equals(column)) {
                return d;
            }
        }
        return null;
    }
}
