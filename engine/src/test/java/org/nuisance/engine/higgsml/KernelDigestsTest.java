package org.nuisance.engine.higgsml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.SharedData;
import org.nuisance.engine.cli.CliRun;
import org.nuisance.engine.data.EventReaders;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.hist.Histogram;
import org.nuisance.engine.hist.ProcessHistograms;
import org.nuisance.engine.omnifold.WeightHistograms;

/**
 * The event kernel's outputs are bit-identical to those of the kernel before it was split into kernel,
 * computed-column set and one weighted fill (commit 7cbc3ac, ShiftKernel of 672 lines): every digest
 * below (SHA-256 of the float/double bits, or of the CSV bytes {@code shift} writes) was computed with
 * THAT code, before the change, on the FAIR Universe sample (../shared/data/fair-universe) and on 30k
 * demo events, at four points in nuisance-parameter space. A change of any value, even in the last bit,
 * changes its digest. (Regenerate only for a deliberate change of the numbers, and say why.)
 */
class KernelDigestsTest {

    static EventTable fair;
    static EventTable demo;

    @BeforeAll
    static void load() {
        fair = EventReaders.read(SharedData.fairUniverseParquet());
        demo = DemoGenerator.generate(30_000, 2024);
    }

    static final NuisanceValues[] POINTS = {
        NuisanceValues.NOMINAL,
        NuisanceValues.NOMINAL.with(NuisanceParameter.TES, 1.03).with(NuisanceParameter.JES, 0.97)
                .with(NuisanceParameter.SOFT_MET, 2.5),
        NuisanceValues.NOMINAL.with(NuisanceParameter.TES, 0.95).with(NuisanceParameter.JES, 1.06),
        NuisanceValues.NOMINAL.with(NuisanceParameter.TES, 1.01).with(NuisanceParameter.SOFT_MET, 1.0)
                .with(NuisanceParameter.TTBAR_SCALE, 1.2).with(NuisanceParameter.DIBOSON_SCALE, 0.5)
                .with(NuisanceParameter.BKG_SCALE, 1.01),
    };

    static final String[] COLUMNS = {"DER_mass_vis", "DER_mass_transverse_met_lep", "DER_pt_h", "DER_met_phi_centrality",
        "DER_lep_eta_centrality", "DER_mass_jet_jet", "DER_pt_tot", "PRI_met", "PRI_met_phi", "PRI_jet_leading_pt",
        "PRI_jet_subleading_eta", "PRI_n_jets", "PRI_lep_pt", "labels", "toy_score"};

    /** A computed column (as a classifier score is one): recomputed from the shifted events of every fill. */
    static final String COMPUTED = "toy_score";

    static float[] toyScore(EventTable shifted) {
        float[] a = shifted.column("DER_pt_h");
        float[] b = shifted.column("PRI_had_pt");
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = 0.5f * a[i] + b[i];
        }
        return out;
    }

    /** The digests, computed by {@link #digests} with the kernel before the split (see the class comment). */
    static final Map<String, String> BEFORE = Map.ofEntries(
        Map.entry("fair/recomputed-der", "e96ad2eeb6feeca294a46422410a515c"),
        Map.entry("fair/p0/apply", "d5ae633755a44a8e23e0d6a8ec657904"),
        Map.entry("fair/p0/fill/DER_mass_vis", "5be2a49a015f9e0216726fe59c331211"),
        Map.entry("fair/p0/fill-w/DER_mass_vis", "dd23053b882314bea97e03f7022cf1e1"),
        Map.entry("fair/p0/fill/DER_mass_transverse_met_lep", "367e39527225e853f051454578766d47"),
        Map.entry("fair/p0/fill-w/DER_mass_transverse_met_lep", "1489f8553f3c770673151e532bca68ab"),
        Map.entry("fair/p0/fill/DER_pt_h", "5b4b150d9eeda3a7165b3884a2d690b6"),
        Map.entry("fair/p0/fill-w/DER_pt_h", "5c00b00b3f47ec38a550c155f2510e56"),
        Map.entry("fair/p0/fill/DER_met_phi_centrality", "86b00ec9d088c0a97eb6e6bc3d56ca1d"),
        Map.entry("fair/p0/fill-w/DER_met_phi_centrality", "3413442fa55693d8c58e8cf9f4e3280d"),
        Map.entry("fair/p0/fill/DER_lep_eta_centrality", "39847eb464acacc54425e762537a072f"),
        Map.entry("fair/p0/fill-w/DER_lep_eta_centrality", "fb587cfda1db2e29d1532d65b50138b6"),
        Map.entry("fair/p0/fill/DER_mass_jet_jet", "f99d376d844788659e40e2639ba39f3f"),
        Map.entry("fair/p0/fill-w/DER_mass_jet_jet", "ecf609bf7a6f9e56368888f2d6492fbf"),
        Map.entry("fair/p0/fill/DER_pt_tot", "a64896b432a2f77329b69a2e49464c7e"),
        Map.entry("fair/p0/fill-w/DER_pt_tot", "a4bf2fc955c44f0fffde22f5d2901470"),
        Map.entry("fair/p0/fill/PRI_met", "6decccc0a24c558da37b3ac6e00bb85d"),
        Map.entry("fair/p0/fill-w/PRI_met", "54f6b619ce38f1a1ff6c55140e4d4ef9"),
        Map.entry("fair/p0/fill/PRI_met_phi", "c1faf06938503484898f01e9f3425bb8"),
        Map.entry("fair/p0/fill-w/PRI_met_phi", "bb0eb64f051e6572c1abfc64068a8df5"),
        Map.entry("fair/p0/fill/PRI_jet_leading_pt", "7aae3d92b6906519376e4e616b4f1fcd"),
        Map.entry("fair/p0/fill-w/PRI_jet_leading_pt", "630503b9eed6aaf6b22b849d34ad5ea0"),
        Map.entry("fair/p0/fill/PRI_jet_subleading_eta", "9ad08066546da8f8e1392cb657c6b6b6"),
        Map.entry("fair/p0/fill-w/PRI_jet_subleading_eta", "c67c6df6c4b358645cfe8bdcbc5b926a"),
        Map.entry("fair/p0/fill/PRI_n_jets", "487ed6ee85773bd9b80d4c8ba35b43a2"),
        Map.entry("fair/p0/fill-w/PRI_n_jets", "ec86be01b5ed47e54e7252824bacabd9"),
        Map.entry("fair/p0/fill/PRI_lep_pt", "7226b30cbcc57f7c8f1adeaf8b052521"),
        Map.entry("fair/p0/fill-w/PRI_lep_pt", "02fec786779350a072c9bffd2736aaea"),
        Map.entry("fair/p0/fill/labels", "487ed6ee85773bd9b80d4c8ba35b43a2"),
        Map.entry("fair/p0/fill-w/labels", "ec86be01b5ed47e54e7252824bacabd9"),
        Map.entry("fair/p0/fill/toy_score", "dda63568b26280c9673c3e4b7c5de329"),
        Map.entry("fair/p0/fill-w/toy_score", "bd496a88e836866a4c67ea750ea5a787"),
        Map.entry("fair/p0/shift-csv", "8851a14f20de7903a0450a8db9280645"),
        Map.entry("fair/p1/apply", "7c14d92f5a15a3597fa15ebccaae31a8"),
        Map.entry("fair/p1/fill/DER_mass_vis", "21c3b799293dc17d6e2a602a7e2f00e9"),
        Map.entry("fair/p1/fill-w/DER_mass_vis", "6ab47d182f4ce7c070b37d1a95d5480f"),
        Map.entry("fair/p1/fill/DER_mass_transverse_met_lep", "afa497587674ac02764a6e3593550c4f"),
        Map.entry("fair/p1/fill-w/DER_mass_transverse_met_lep", "b4b1a8ed62fdeb0351db224a98835c35"),
        Map.entry("fair/p1/fill/DER_pt_h", "4585a36c165ad8f66e4b747100729734"),
        Map.entry("fair/p1/fill-w/DER_pt_h", "ceba22a0a22e6cb947f0e6c744cdd9f0"),
        Map.entry("fair/p1/fill/DER_met_phi_centrality", "14ef9869017300b8405f2aae822bcc99"),
        Map.entry("fair/p1/fill-w/DER_met_phi_centrality", "08ab3f0a0323c0c8a0e67d31ebbcd0c9"),
        Map.entry("fair/p1/fill/DER_lep_eta_centrality", "d6eb387e71080c7d40f0c502b22f7529"),
        Map.entry("fair/p1/fill-w/DER_lep_eta_centrality", "cc8c8a072abb138cc6b263888d096a5f"),
        Map.entry("fair/p1/fill/DER_mass_jet_jet", "4de68133f838662944f7b2db18a9d628"),
        Map.entry("fair/p1/fill-w/DER_mass_jet_jet", "cf361e25720443689e65dc22298db50a"),
        Map.entry("fair/p1/fill/DER_pt_tot", "1c5808409d3a9c93019216b198ca61d6"),
        Map.entry("fair/p1/fill-w/DER_pt_tot", "d6d3d763c84edcefa909c478fc5f9a1e"),
        Map.entry("fair/p1/fill/PRI_met", "ef2eaa9503ff43e04199177440f5aaf0"),
        Map.entry("fair/p1/fill-w/PRI_met", "05fc8738c5cfbbfaafc75b106ac31501"),
        Map.entry("fair/p1/fill/PRI_met_phi", "c21b580bf0ddbf29ff6c0f89086673d3"),
        Map.entry("fair/p1/fill-w/PRI_met_phi", "dd31daa6f1b63084b42547b1a3ad0768"),
        Map.entry("fair/p1/fill/PRI_jet_leading_pt", "bb64d1eb104f195ace8f1648b0e95700"),
        Map.entry("fair/p1/fill-w/PRI_jet_leading_pt", "06f8f52184e860f8550a46bcb8982131"),
        Map.entry("fair/p1/fill/PRI_jet_subleading_eta", "289ad4ce5dd1c7999bad81ba80f8bdd5"),
        Map.entry("fair/p1/fill-w/PRI_jet_subleading_eta", "5f155fb34ad44d295787df15fbacb734"),
        Map.entry("fair/p1/fill/PRI_n_jets", "b0b48d544097c40a41e32e834586c377"),
        Map.entry("fair/p1/fill-w/PRI_n_jets", "6f2f5b03779f0d32da42388532f45f27"),
        Map.entry("fair/p1/fill/PRI_lep_pt", "82bcc50a39aa5d31d3d6af902d1bdeeb"),
        Map.entry("fair/p1/fill-w/PRI_lep_pt", "0a63e352d5d3a664ff83615708a70a35"),
        Map.entry("fair/p1/fill/labels", "b0b48d544097c40a41e32e834586c377"),
        Map.entry("fair/p1/fill-w/labels", "6f2f5b03779f0d32da42388532f45f27"),
        Map.entry("fair/p1/fill/toy_score", "44f04da6fc2bad599a22dd5f813c9b7d"),
        Map.entry("fair/p1/fill-w/toy_score", "c7e6d6b0d142075e8a68aa0b7e660bfb"),
        Map.entry("fair/p1/shift-csv", "5de2840fce42581e636e0171fac23e98"),
        Map.entry("fair/p2/apply", "a3c0a4f97be07569677dc5de6091e464"),
        Map.entry("fair/p2/fill/DER_mass_vis", "8aa3a3cac36e6e93126304a22cb693c3"),
        Map.entry("fair/p2/fill-w/DER_mass_vis", "d99e91e4b4c428edfcccdd0de804171f"),
        Map.entry("fair/p2/fill/DER_mass_transverse_met_lep", "2a7d26d8ec45bdf0f23c13d5e369ee04"),
        Map.entry("fair/p2/fill-w/DER_mass_transverse_met_lep", "183d6b98600fd4cd6785c97c1b04e29f"),
        Map.entry("fair/p2/fill/DER_pt_h", "bd7c69c3c2ac3a06331eec728ce509a0"),
        Map.entry("fair/p2/fill-w/DER_pt_h", "6b487c706aa3ef154ce28e4030b515a4"),
        Map.entry("fair/p2/fill/DER_met_phi_centrality", "b71a020c16ed61c37c4dbb4199985884"),
        Map.entry("fair/p2/fill-w/DER_met_phi_centrality", "d529b2853e6edc6e3ebee2658b7da310"),
        Map.entry("fair/p2/fill/DER_lep_eta_centrality", "590df37438938c3e6686e2b621e8f6ad"),
        Map.entry("fair/p2/fill-w/DER_lep_eta_centrality", "0d5da8a6e2821057ee73f1638ec8fd1d"),
        Map.entry("fair/p2/fill/DER_mass_jet_jet", "bca388dd1cb38d298590931ce0f44603"),
        Map.entry("fair/p2/fill-w/DER_mass_jet_jet", "f11ea37bd4d47d50596564818672f02e"),
        Map.entry("fair/p2/fill/DER_pt_tot", "823c9c5c498b15613e0036ebfb428fd3"),
        Map.entry("fair/p2/fill-w/DER_pt_tot", "d5096e075efb6b31dfc0c3b8c2e1edb3"),
        Map.entry("fair/p2/fill/PRI_met", "729ad2b14bf3165436f377bb55918140"),
        Map.entry("fair/p2/fill-w/PRI_met", "ea6d85726bda2941b93e33481fd62091"),
        Map.entry("fair/p2/fill/PRI_met_phi", "cf33edf5429d643d07cf6e282ee4ebb5"),
        Map.entry("fair/p2/fill-w/PRI_met_phi", "decb3fb97c68ed9b1ccb56f4aacde966"),
        Map.entry("fair/p2/fill/PRI_jet_leading_pt", "1ba5270795597d86f92e6c16aef88d30"),
        Map.entry("fair/p2/fill-w/PRI_jet_leading_pt", "3375471845ec8d99193a2312daf2a589"),
        Map.entry("fair/p2/fill/PRI_jet_subleading_eta", "aa1e8e762907d77c110d8bca430b7b87"),
        Map.entry("fair/p2/fill-w/PRI_jet_subleading_eta", "8ac6c6820692407c2073769f8c53b830"),
        Map.entry("fair/p2/fill/PRI_n_jets", "18340a84a9ba50701469c4eb97f07c2d"),
        Map.entry("fair/p2/fill-w/PRI_n_jets", "415b4ea8b8e2deadc955ab26e063e69a"),
        Map.entry("fair/p2/fill/PRI_lep_pt", "7c1672b94a987fa516cac541b71a3db9"),
        Map.entry("fair/p2/fill-w/PRI_lep_pt", "4709326ca35886eb010bef580af67a17"),
        Map.entry("fair/p2/fill/labels", "18340a84a9ba50701469c4eb97f07c2d"),
        Map.entry("fair/p2/fill-w/labels", "415b4ea8b8e2deadc955ab26e063e69a"),
        Map.entry("fair/p2/fill/toy_score", "2e40299ab1f21aee5688cda4ecbdef34"),
        Map.entry("fair/p2/fill-w/toy_score", "a286bf4842de61c4d3681b4805bcba26"),
        Map.entry("fair/p2/shift-csv", "c4c8df89fb220fcaa939a95d7a555047"),
        Map.entry("fair/p3/apply", "1ce8412d19369ec7154f30b688358d88"),
        Map.entry("fair/p3/fill/DER_mass_vis", "c59322228898f8ffa6d20e2f34ef50c4"),
        Map.entry("fair/p3/fill-w/DER_mass_vis", "e7bca8674abf4766d4d6769c188dd8fe"),
        Map.entry("fair/p3/fill/DER_mass_transverse_met_lep", "6c59a23a8d12789db795f34ef2fd4c3e"),
        Map.entry("fair/p3/fill-w/DER_mass_transverse_met_lep", "4a92dc47c7d55e03e6d7068b3d565b09"),
        Map.entry("fair/p3/fill/DER_pt_h", "0d9a633e645d03cb48b03a97053d40a6"),
        Map.entry("fair/p3/fill-w/DER_pt_h", "fe296dc6a2947434c3b061b34aa84697"),
        Map.entry("fair/p3/fill/DER_met_phi_centrality", "dfe8f3f2e92c96b2a0fa629f0b204d8b"),
        Map.entry("fair/p3/fill-w/DER_met_phi_centrality", "182dfd33265acfaafaa7b3859a63e964"),
        Map.entry("fair/p3/fill/DER_lep_eta_centrality", "34d6f6cd06f0de6bb05da91b41840880"),
        Map.entry("fair/p3/fill-w/DER_lep_eta_centrality", "b912be717aed9efd07796dfd796da600"),
        Map.entry("fair/p3/fill/DER_mass_jet_jet", "5fa8e5f50619935873c522eee8dd552c"),
        Map.entry("fair/p3/fill-w/DER_mass_jet_jet", "4288e4ccf4928af291658e231975fc48"),
        Map.entry("fair/p3/fill/DER_pt_tot", "21439b2a510e4d0dc9a7fa75cb2e865a"),
        Map.entry("fair/p3/fill-w/DER_pt_tot", "8258c561d9f5483a2e21c5f21f27ef45"),
        Map.entry("fair/p3/fill/PRI_met", "da9554860833542ba3349e8b69c8bfdb"),
        Map.entry("fair/p3/fill-w/PRI_met", "ea6d4b02d7df096cedd5f5b5423c95e2"),
        Map.entry("fair/p3/fill/PRI_met_phi", "366090056f690bbc396ab8afbce38e96"),
        Map.entry("fair/p3/fill-w/PRI_met_phi", "39f47ced5878a5d81a68050c0fd4939e"),
        Map.entry("fair/p3/fill/PRI_jet_leading_pt", "acb6c94f9f377965de0cfa5ca86a1b6f"),
        Map.entry("fair/p3/fill-w/PRI_jet_leading_pt", "163c30e24dbb2a281f5fba9c383e16b2"),
        Map.entry("fair/p3/fill/PRI_jet_subleading_eta", "b129e7d292c71ea853293a67d6bc3b6f"),
        Map.entry("fair/p3/fill-w/PRI_jet_subleading_eta", "16e9cf27828f369d3fb257934881ca10"),
        Map.entry("fair/p3/fill/PRI_n_jets", "9e22b4a6a16cccbc3b193be821a36289"),
        Map.entry("fair/p3/fill-w/PRI_n_jets", "fa066c4d033913ab0395520996f840dd"),
        Map.entry("fair/p3/fill/PRI_lep_pt", "549b416c0dea64dad3382362c4c2bf1d"),
        Map.entry("fair/p3/fill-w/PRI_lep_pt", "cfce7c64d6e1143eeaf6a1c223bad0df"),
        Map.entry("fair/p3/fill/labels", "9e22b4a6a16cccbc3b193be821a36289"),
        Map.entry("fair/p3/fill-w/labels", "fa066c4d033913ab0395520996f840dd"),
        Map.entry("fair/p3/fill/toy_score", "ab00796f8311b961fc530d3d028b7dc9"),
        Map.entry("fair/p3/fill-w/toy_score", "5b1fa65db77e1f71cab33201dcee4f07"),
        Map.entry("fair/p3/shift-csv", "79c5a1c783857e2e7d6d1dcb32a86b5d"),
        Map.entry("fair/unshifted/DER_mass_vis", "3e903d28087f3b82676b2129c325dc4b"),
        Map.entry("demo/recomputed-der", "efaedbf063c316b7dd82a0c57539fa03"),
        Map.entry("demo/p0/apply", "877b3d16ef5ab4a4fb97edadd01f6427"),
        Map.entry("demo/p0/fill/DER_mass_vis", "dba61dd08fc5f51961a9fb8a39432af1"),
        Map.entry("demo/p0/fill-w/DER_mass_vis", "7e639826d6657cda42d3289c15f02062"),
        Map.entry("demo/p0/fill/DER_mass_transverse_met_lep", "37d5948f993869acb74bcf96c16a3319"),
        Map.entry("demo/p0/fill-w/DER_mass_transverse_met_lep", "8458ed2a4b6db2003ed0cb6b8595431f"),
        Map.entry("demo/p0/fill/DER_pt_h", "2508a76fe26609e8e8767866cf433dc2"),
        Map.entry("demo/p0/fill-w/DER_pt_h", "412406bb82029fb32bf92f19d7934398"),
        Map.entry("demo/p0/fill/DER_met_phi_centrality", "f3073caad0cc14539521069a749d2be0"),
        Map.entry("demo/p0/fill-w/DER_met_phi_centrality", "80523919a7c65493dba62748ccdac101"),
        Map.entry("demo/p0/fill/DER_lep_eta_centrality", "4ffe87bbb702c8713a7d4672a4250a0e"),
        Map.entry("demo/p0/fill-w/DER_lep_eta_centrality", "5f9269ecba7df5456f3198c621a02a70"),
        Map.entry("demo/p0/fill/DER_mass_jet_jet", "98eee7f57317dda349fd7f2d7455e601"),
        Map.entry("demo/p0/fill-w/DER_mass_jet_jet", "d64a99a1c26d1f7c9966d3bf15b2a0f1"),
        Map.entry("demo/p0/fill/DER_pt_tot", "4f33d2b9110bedcc8bedf199786ef7df"),
        Map.entry("demo/p0/fill-w/DER_pt_tot", "bbca22dc5e34ec9b61c81b48f091112a"),
        Map.entry("demo/p0/fill/PRI_met", "460cab21e5d1daf33a29a25f8c5bb323"),
        Map.entry("demo/p0/fill-w/PRI_met", "0f6e3bd33c622c59a0f35123ee465794"),
        Map.entry("demo/p0/fill/PRI_met_phi", "750a18b4d3e314355d9bcc0242d9e3d9"),
        Map.entry("demo/p0/fill-w/PRI_met_phi", "98f7ab198e9e5761133121d25ae5cd79"),
        Map.entry("demo/p0/fill/PRI_jet_leading_pt", "a5321b63fef431ac2c5519fde227bb2f"),
        Map.entry("demo/p0/fill-w/PRI_jet_leading_pt", "98c0ffa3eba577cb4d69992b7d2d9b09"),
        Map.entry("demo/p0/fill/PRI_jet_subleading_eta", "cbc70303e112a0580864696de62c7cd6"),
        Map.entry("demo/p0/fill-w/PRI_jet_subleading_eta", "61e9ee60ade1ae570613d7975e4abcee"),
        Map.entry("demo/p0/fill/PRI_n_jets", "65a749d4190f27f5123095ec1ee6e93d"),
        Map.entry("demo/p0/fill-w/PRI_n_jets", "5324026816ca8e1e575b679d8faeddae"),
        Map.entry("demo/p0/fill/PRI_lep_pt", "ca5c5114aba78add2f500e060dab35f0"),
        Map.entry("demo/p0/fill-w/PRI_lep_pt", "7683a1243bcab01931eb7757a18884a4"),
        Map.entry("demo/p0/fill/labels", "65a749d4190f27f5123095ec1ee6e93d"),
        Map.entry("demo/p0/fill-w/labels", "5324026816ca8e1e575b679d8faeddae"),
        Map.entry("demo/p0/fill/toy_score", "4e70695d11a58c06e245f8e746160f87"),
        Map.entry("demo/p0/fill-w/toy_score", "5d91afa32b8acb8257fbdf1de4207eeb"),
        Map.entry("demo/p0/shift-csv", "2f3aece2afed27fe86702f447719ca3e"),
        Map.entry("demo/p1/apply", "65c8941a635dd23bb9d1ee743432fa08"),
        Map.entry("demo/p1/fill/DER_mass_vis", "6e6b1fd47001b2d745f22fff8bebacbe"),
        Map.entry("demo/p1/fill-w/DER_mass_vis", "9300c6ba059e56c4111df1a6581c04ea"),
        Map.entry("demo/p1/fill/DER_mass_transverse_met_lep", "a6eb114148cd014131fd1382fa82dfe4"),
        Map.entry("demo/p1/fill-w/DER_mass_transverse_met_lep", "6f8bb0df15c790b9f72288e778cd0a61"),
        Map.entry("demo/p1/fill/DER_pt_h", "3824200b07ec912d78030b5c0247f02e"),
        Map.entry("demo/p1/fill-w/DER_pt_h", "87bd6e895da9c279cbcefa368f7691ca"),
        Map.entry("demo/p1/fill/DER_met_phi_centrality", "a8eedfd48a32956252339bd1dcb3a11a"),
        Map.entry("demo/p1/fill-w/DER_met_phi_centrality", "7dfe98df0fafc9df2facd33756d304e0"),
        Map.entry("demo/p1/fill/DER_lep_eta_centrality", "28b906c0c79e3e1cca655f5b1589f46f"),
        Map.entry("demo/p1/fill-w/DER_lep_eta_centrality", "c1a2f9dda0d33e367ea78958da7209f7"),
        Map.entry("demo/p1/fill/DER_mass_jet_jet", "f734461c7d44c79c35551592c39aa3db"),
        Map.entry("demo/p1/fill-w/DER_mass_jet_jet", "6d1ed9afd81b5c8441afaf686efbb028"),
        Map.entry("demo/p1/fill/DER_pt_tot", "81659dcb6497cadf87920e3ebe0846f7"),
        Map.entry("demo/p1/fill-w/DER_pt_tot", "896382caa83a99e47f0f9172e951e215"),
        Map.entry("demo/p1/fill/PRI_met", "cf91c76dd54d9036f5f8c583249df47a"),
        Map.entry("demo/p1/fill-w/PRI_met", "aadf438ce85c48f6ad31fd79b8d106f5"),
        Map.entry("demo/p1/fill/PRI_met_phi", "52f53220e2773fff094e8dc05df78695"),
        Map.entry("demo/p1/fill-w/PRI_met_phi", "eb47129911cd7bc867b264b66bb55aef"),
        Map.entry("demo/p1/fill/PRI_jet_leading_pt", "1a603dd429a693f3068ca18fc5531ce0"),
        Map.entry("demo/p1/fill-w/PRI_jet_leading_pt", "78bc5c3d1ae75f5924910ccbd4039593"),
        Map.entry("demo/p1/fill/PRI_jet_subleading_eta", "8ae5951e9c7bd26114decaff5698876e"),
        Map.entry("demo/p1/fill-w/PRI_jet_subleading_eta", "27fc3db54576fada5413b75d3f749d8e"),
        Map.entry("demo/p1/fill/PRI_n_jets", "064fcf44b5551507ad20ab056cc36688"),
        Map.entry("demo/p1/fill-w/PRI_n_jets", "e30340af13792d61b21ca19ce49a469d"),
        Map.entry("demo/p1/fill/PRI_lep_pt", "cdf9b717d69728b203b77301b6d30ebc"),
        Map.entry("demo/p1/fill-w/PRI_lep_pt", "a54199039444e076823f3905251f4876"),
        Map.entry("demo/p1/fill/labels", "064fcf44b5551507ad20ab056cc36688"),
        Map.entry("demo/p1/fill-w/labels", "e30340af13792d61b21ca19ce49a469d"),
        Map.entry("demo/p1/fill/toy_score", "cbee1a1819f16bf450b9b0076ba6b220"),
        Map.entry("demo/p1/fill-w/toy_score", "bb63a676a6946dab44fbaf1f1746ca3b"),
        Map.entry("demo/p1/shift-csv", "e72a50842acc11e2185057acfbac51b1"),
        Map.entry("demo/p2/apply", "db54d0ff9e55d40f321896ff492075f5"),
        Map.entry("demo/p2/fill/DER_mass_vis", "3f1956317bea402ee51bc8d2c0271dd8"),
        Map.entry("demo/p2/fill-w/DER_mass_vis", "23462368a6844d72fae7411971e3b509"),
        Map.entry("demo/p2/fill/DER_mass_transverse_met_lep", "7658d49d506fa9b419f82cf2fc5e0ad3"),
        Map.entry("demo/p2/fill-w/DER_mass_transverse_met_lep", "aab6ade996ff9b1e458b8fa37e30ee31"),
        Map.entry("demo/p2/fill/DER_pt_h", "c1137451c4352bd3fc01e5494814a76c"),
        Map.entry("demo/p2/fill-w/DER_pt_h", "9e5925035660002da0a41007f7df207c"),
        Map.entry("demo/p2/fill/DER_met_phi_centrality", "f494068186a1a59056f78b5b17ffb868"),
        Map.entry("demo/p2/fill-w/DER_met_phi_centrality", "260d7629ddc54218886b113fe24b3f0e"),
        Map.entry("demo/p2/fill/DER_lep_eta_centrality", "291ca546596b6253bb7685f028b26260"),
        Map.entry("demo/p2/fill-w/DER_lep_eta_centrality", "e4e8b25f6ed9a3677054649dbbdd78df"),
        Map.entry("demo/p2/fill/DER_mass_jet_jet", "c6da8d7fbe0b16efa1e9c6ca917ad31c"),
        Map.entry("demo/p2/fill-w/DER_mass_jet_jet", "4022d551aa98b3bf0fc3a563b0d080df"),
        Map.entry("demo/p2/fill/DER_pt_tot", "c95746ed77aac45eb9602b7b579bdeda"),
        Map.entry("demo/p2/fill-w/DER_pt_tot", "a8055f709c4074066aa923dffdc5561b"),
        Map.entry("demo/p2/fill/PRI_met", "d55248ab7233f9516c56f8496e57bddf"),
        Map.entry("demo/p2/fill-w/PRI_met", "aa8e828bf52c2fafb240bc888efe2b4c"),
        Map.entry("demo/p2/fill/PRI_met_phi", "1cee10fdc3aa4c85e32c168797fcc32a"),
        Map.entry("demo/p2/fill-w/PRI_met_phi", "c70904cbb2de6235c4a23955fb690cfc"),
        Map.entry("demo/p2/fill/PRI_jet_leading_pt", "1ad8b2b08d7e63914727f26592881973"),
        Map.entry("demo/p2/fill-w/PRI_jet_leading_pt", "91d757161022b341235b20dc2fb8689f"),
        Map.entry("demo/p2/fill/PRI_jet_subleading_eta", "eb8de82f86094e1ff54a32bf05b4aebe"),
        Map.entry("demo/p2/fill-w/PRI_jet_subleading_eta", "132cb1cd7a573d3796dc9c4fbe38d02c"),
        Map.entry("demo/p2/fill/PRI_n_jets", "97147557e297e9007a2c3915dedf7f86"),
        Map.entry("demo/p2/fill-w/PRI_n_jets", "db5f460bd7ed5d47ba0f99ddadfff079"),
        Map.entry("demo/p2/fill/PRI_lep_pt", "99ec2a267ab46cbdd71a8aef6b9f35ca"),
        Map.entry("demo/p2/fill-w/PRI_lep_pt", "45bc5bb47fcc59943314c13a7538b8ce"),
        Map.entry("demo/p2/fill/labels", "97147557e297e9007a2c3915dedf7f86"),
        Map.entry("demo/p2/fill-w/labels", "db5f460bd7ed5d47ba0f99ddadfff079"),
        Map.entry("demo/p2/fill/toy_score", "d961ad781436df172f7d7825cd1efd11"),
        Map.entry("demo/p2/fill-w/toy_score", "0d6f26036ced98a10be3b99359fbe63e"),
        Map.entry("demo/p2/shift-csv", "1576b1ced3abf0b59fe4939fa38206a8"),
        Map.entry("demo/p3/apply", "0a8bffade5b22a4e5c43c31be04ec717"),
        Map.entry("demo/p3/fill/DER_mass_vis", "9e6f601ed63606b01a7eac54934fc0b7"),
        Map.entry("demo/p3/fill-w/DER_mass_vis", "8de3ca4bc1fb0ecad18a3a4eb8045f52"),
        Map.entry("demo/p3/fill/DER_mass_transverse_met_lep", "10bb567f714ee64c38afd2400b91e7f4"),
        Map.entry("demo/p3/fill-w/DER_mass_transverse_met_lep", "70d7c78cb9d0e5f91266fd29a936221d"),
        Map.entry("demo/p3/fill/DER_pt_h", "09fcb22527c249c40140f13f76373852"),
        Map.entry("demo/p3/fill-w/DER_pt_h", "310f3735c1ad081545a20bebe9cfc174"),
        Map.entry("demo/p3/fill/DER_met_phi_centrality", "6642c381d8215deaaa2c4d3c297735b0"),
        Map.entry("demo/p3/fill-w/DER_met_phi_centrality", "de1bef5b243400deb4de6910a2409d43"),
        Map.entry("demo/p3/fill/DER_lep_eta_centrality", "18e1b611dd869071592cfc070cbb4495"),
        Map.entry("demo/p3/fill-w/DER_lep_eta_centrality", "c99b4c1e2ee5b872548719fc9faaffe4"),
        Map.entry("demo/p3/fill/DER_mass_jet_jet", "4ae82cafbb06f1964950df1d8084c0c3"),
        Map.entry("demo/p3/fill-w/DER_mass_jet_jet", "7161691a2bf849470244a1596b57d5f4"),
        Map.entry("demo/p3/fill/DER_pt_tot", "b29a6d3acec9729a6c8056b69bdf4124"),
        Map.entry("demo/p3/fill-w/DER_pt_tot", "9d6be5c904c1ae207b9d73ee494e5cda"),
        Map.entry("demo/p3/fill/PRI_met", "195c9ef084823960b09578be1ee724d7"),
        Map.entry("demo/p3/fill-w/PRI_met", "c25e6a65b10303e865c016522c49499d"),
        Map.entry("demo/p3/fill/PRI_met_phi", "7016a336b9bbc0cd49b80861c152e34c"),
        Map.entry("demo/p3/fill-w/PRI_met_phi", "df9632b61b0e155531c8f953b969e7a1"),
        Map.entry("demo/p3/fill/PRI_jet_leading_pt", "3c232a5945780c6ca296a0f5452b9b76"),
        Map.entry("demo/p3/fill-w/PRI_jet_leading_pt", "9274f3da3bee8f22e051cef2fe0959de"),
        Map.entry("demo/p3/fill/PRI_jet_subleading_eta", "e66d45b36efe5a980ca5a1c4654cb143"),
        Map.entry("demo/p3/fill-w/PRI_jet_subleading_eta", "9acffe142ee16b41f04610a021dcd233"),
        Map.entry("demo/p3/fill/PRI_n_jets", "b3a9edac42495d665e8a230532792c0f"),
        Map.entry("demo/p3/fill-w/PRI_n_jets", "7b5ab056b358faae75d5daf66965cf67"),
        Map.entry("demo/p3/fill/PRI_lep_pt", "b3d472dfabf68ba2845709ffcff6be93"),
        Map.entry("demo/p3/fill-w/PRI_lep_pt", "93a3b5003727cff39d5f06fbb07bcf92"),
        Map.entry("demo/p3/fill/labels", "b3a9edac42495d665e8a230532792c0f"),
        Map.entry("demo/p3/fill-w/labels", "7b5ab056b358faae75d5daf66965cf67"),
        Map.entry("demo/p3/fill/toy_score", "74597d2e8daa57d0b79eb884b4b27e0a"),
        Map.entry("demo/p3/fill-w/toy_score", "06d48307cf59c304a77422363ea43ae6"),
        Map.entry("demo/p3/shift-csv", "1350af521dc0c89bcf9de90f0e68f0e1"),
        Map.entry("demo/unshifted/DER_mass_vis", "02afa71799c7615b55f813452437dba7"),
        Map.entry("omnifold/weight-histograms", "ad40d7449e45d0d45266dbe78a6c283c")
    );

    @Test
    void kernelOutputsAreBitIdenticalToThoseBeforeTheSplit(@TempDir Path dir) throws Exception {
        Map<String, String> now = digests(dir);
        assertEquals(BEFORE.size(), now.size(), "digest count");
        for (Map.Entry<String, String> e : now.entrySet()) {
            assertEquals(BEFORE.get(e.getKey()), e.getValue(), e.getKey());
        }
    }

    static Map<String, String> digests(Path dir) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, EventTable> tables = new LinkedHashMap<>();
        tables.put("fair", fair);
        tables.put("demo", demo);
        Path fairFile = SharedData.fairUniverseParquet();
        for (Map.Entry<String, EventTable> t : tables.entrySet()) {
            EventTable table = t.getValue();
            // DER recomputed from the PRI columns as stored
            EventTable re = Systematics.withRecomputedDerived(table);
            out.put(t.getKey() + "/recomputed-der", floats(re, DerivedQuantity.values()));
            PreparedEvents prepared = PreparedEvents.of(table);
            // (before the split: ShiftKernel.registerComputedColumn(COMPUTED, toyScore, inputs), a static registry)
            ShiftKernel kernel = new ShiftKernel(prepared, ComputedColumns.none()
                    .with(COMPUTED, KernelDigestsTest::toyScore, List.of("DER_pt_h", "PRI_had_pt")));
            float[] custom = new float[table.rows()];
            SplittableRandom rng = new SplittableRandom(3);
            for (int i = 0; i < custom.length; i++) {
                custom[i] = (float) rng.nextDouble(0, 3);
            }
            for (int k = 0; k < POINTS.length; k++) {
                NuisanceValues np = POINTS[k];
                EventTable shifted = Systematics.apply(table, np, 7);
                out.put(t.getKey() + "/p" + k + "/apply", floats(shifted, null));
                for (String column : COLUMNS) {
                    Axis axis = Axis.regular(17, column.startsWith("DER_met_phi") || column.contains("centrality") ? -1.5 : 0,
                            column.contains("eta") || column.contains("phi") ? 3 : 180);
                    out.put(t.getKey() + "/p" + k + "/fill/" + column, hist(kernel.fill(column, axis, np, 7)));
                    out.put(t.getKey() + "/p" + k + "/fill-w/" + column, hist(kernel.fill(column, axis, np, 7, custom)));
                }
                // shift's CSV, byte for byte
                Path csv = dir.resolve(t.getKey() + k + ".csv");
                List<String> args = new ArrayList<>(List.of("shift", "--input",
                        t.getKey().equals("fair") ? fairFile.toString() : "demo", "--output", csv.toString(), "--seed",
                        t.getKey().equals("fair") ? "7" : "2024"));
                if (t.getKey().equals("demo")) {
                    args.addAll(List.of("--events", "30000"));
                }
                for (NuisanceParameter p : new NuisanceParameter[] {NuisanceParameter.TES, NuisanceParameter.JES,
                    NuisanceParameter.SOFT_MET, NuisanceParameter.TTBAR_SCALE, NuisanceParameter.DIBOSON_SCALE,
                    NuisanceParameter.BKG_SCALE}) {
                    args.add("--" + p.key().replace('_', '-'));
                    args.add(Double.toString(np.get(p)));
                }
                CliRun r = CliRun.of(args.toArray(String[]::new));
                assertEquals(0, r.code(), r.err());
                out.put(t.getKey() + "/p" + k + "/shift-csv", sha(Files.readAllBytes(csv)));
            }
            out.put(t.getKey() + "/unshifted/DER_mass_vis", hist(EventHistograms.fillUnshifted(table, "DER_mass_vis",
                    Axis.regular(23, 0, 230), POINTS[3])));
        }
        // the OmniFold weight matrix on fixed pseudo-random columns
        SplittableRandom rng = new SplittableRandom(11);
        float[] x = new float[50_000];
        float[][] w = new float[6][x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble(-0.5, 10.5);
            for (float[] c : w) {
                c[i] = (float) rng.nextDouble(-1, 2);
            }
        }
        WeightHistograms wh = WeightHistograms.fill(x, Axis.regular(10, 0, 10), List.of("a", "b", "c", "d", "e", "f"), w, 2);
        ByteBuffer buf = ByteBuffer.allocate(6 * 12 * 16);
        for (String c : wh.columns()) {
            Histogram h = wh.histogram(c);
            for (double v : h.sumwWithFlow()) {
                buf.putDouble(v);
            }
            for (double v : h.sumw2WithFlow()) {
                buf.putDouble(v);
            }
        }
        out.put("omnifold/weight-histograms", sha(buf.array()));
        return out;
    }

    private static String floats(EventTable t, DerivedQuantity[] only) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        List<String> names = new ArrayList<>();
        if (only != null) {
            for (DerivedQuantity q : only) {
                names.add(q.column());
            }
        } else {
            names.addAll(t.numericColumns());
        }
        for (String c : names) {
            md.update(c.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            float[] v = t.column(c);
            ByteBuffer b = ByteBuffer.allocate(4 * v.length);
            for (float f : v) {
                b.putInt(Float.floatToRawIntBits(f));
            }
            md.update(b.array());
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 32);
    }

    private static String hist(ProcessHistograms h) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (Histogram x : h.histograms()) {
            double[] a = x.sumwWithFlow();
            double[] b = x.sumw2WithFlow();
            ByteBuffer buf = ByteBuffer.allocate(8 * (a.length + b.length));
            for (double v : a) {
                buf.putDouble(v);
            }
            for (double v : b) {
                buf.putDouble(v);
            }
            md.update(buf.array());
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 32);
    }

    private static String sha(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 32);
    }
}
