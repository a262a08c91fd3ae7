// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

namespace winnow::cli {

namespace {
const OptionSpec kJson{"json", "", "print the result as JSON on stdout (shape in docs/CLI.md)"};

const OptionSpec kQuiet{"quiet", "", "print no progress on stderr"};
}  // namespace

const std::vector<Command>& commands() {
    static const std::vector<Command> list = {
        {{"create", {"PROJECT"}, "create an empty project (PROJECT.winnow and PROJECT.winnow.d/)", {kJson}, ""},
         runCreate},
        {{"ingest",
          {"PROJECT", "SOURCE"},
          "import a dataset source into a project",
          {{"format", "F", "source format: auto (default), folder, imagefolder, csv, coco, idx, tar"},
           {"dataset", "NAME", "dataset to import into (default: the source's file or folder name)"},
           {"split", "S", "split for samples whose source names none"},
           {"threads", "N", "decode threads (default: all cores)"},
           {"batch", "N", "samples per committed transaction (default 256)"},
           {"max-pixels", "N", "refuse images whose header declares more pixels (default 268435456)"},
           {"label-names", "FILE", "a text file with one class name per line: numeric label i becomes line i+1"},
           kQuiet,
           kJson},
          "Importing a source again adds nothing twice and retries the samples that failed.\n"
          "Exit codes: 0 all imported, 1 finished with per-file errors, 2 fatal, 130 interrupted."},
         runIngest},
        {{"info", {"PROJECT"}, "show the datasets, sample counts, tags and subsets of a project", {kJson}, ""},
         runInfo},
        {{"samples",
          {"PROJECT"},
          "list samples with their ids and source uris",
          {{"dataset", "NAME", "only this dataset"},
           {"split", "S", "only this split"},
           {"label", "L", "only this label"},
           {"tag", "T", "only samples with this tag"},
           {"subset", "NAME", "only members of this subset"},
           {"status", "STATUS", "ok (default), failed or all"},
           {"duplicates", "", "only samples whose SHA-512 occurs more than once"},
           {"text", "TEXT", "only samples whose uri, member, label or caption contains TEXT"},
           {"order", "KEY", "id (default), blur, brightness, contrast, label or size"},
           {"desc", "", "sort descending"},
           {"offset", "N", "skip the first N matches"},
           {"limit", "N", "list at most N samples (default: all)"},
           kJson},
          ""},
         runSamples},
        {{"duplicates",
          {"PROJECT"},
          "find exact (same SHA-512) or near (pHash Hamming distance) duplicates",
          {{"exact", "", "groups of samples with identical bytes"},
           {"near", "", "pairs within --max-distance on the 64-bit pHash, and their connected groups"},
           {"max-distance", "D", "largest Hamming distance of a near pair, 0-64 (default 10)"},
           {"dataset", "NAME", "only this dataset"},
           {"threads", "N", "search threads (default: all cores)"},
           kJson},
          "Exactly one of --exact and --near is required."},
         runDuplicates},
        {{"export",
          {"PROJECT"},
          "export samples (a subset, a tag or a dataset) as a manifest or a folder",
          {{"subset", "NAME", "export the members of this subset (in selection order)"},
           {"tag", "T", "export the samples with this tag"},
           {"dataset", "NAME", "export this dataset"},
           {"to", "FORMAT", "csv (default), json, symlinks or copies"},
           {"output", "PATH", "manifest file (csv, json) or target folder (symlinks, copies)"},
           kJson},
          "A manifest lists path, label, caption and split and can be ingested again. A folder export\n"
          "names files ID_NAME and never writes outside the target folder; archive members and IDX\n"
          "records are written out as image files."},
         runExport},
        {{"embed",
          {"PROJECT"},
          "compute embeddings of the project's images (built-in embedder or a TorchScript model)",
          {{"embedder", "E", "builtin (default), a registered embedder's name, or MODEL.pt / SIDECAR.json"},
           {"device", "D", "auto (default: CUDA when available), cpu or cuda"},
           {"dataset", "NAME", "only this dataset (default: all)"},
           {"threads", "N", "decode threads (default: all cores)"},
           {"batch", "N", "images per model call (default: the embedder's)"},
           kQuiet,
           kJson},
          "Embeds the samples that have no vector yet, so it can be rerun after an import or an interruption.\n"
          "The built-in embedder is fitted once per project on a spread sample of its images.\n"
          "Exit codes: 0 all embedded, 1 some images failed, 2 fatal, 130 interrupted (what was done is kept)."},
         runEmbed},
        {{"embeddings",
          {"ACTION", "PROJECT", "[FILE]"},
          "list, export (.npy), import (.npy) or remove stored embeddings",
          {{"embedder", "E", "the embedder (export: default builtin; import, remove: required)"},
           {"dataset", "NAME", "export: only this dataset"},
           {"ids", "FILE", "import: the sample ids of the rows (default FILE.ids.npy beside FILE.npy)"},
           {"replace", "", "import: overwrite an embedder of the same name"},
           kJson},
          "ACTION is list, export, import or remove. export writes FILE (float32 rows, ascending sample id)\n"
          "and FILE.ids.npy (int64 sample ids); import reads the same pair."},
         runEmbeddings},
        {{"select",
          {"[PROJECT]"},
          "select a subset of a project (saved with --name), or of the rows of a bare .npy matrix",
          {{"embeddings", "FILE", "no project: a 2-D float32 or float64 .npy matrix, one row per sample"},
           {"recipe", "FILE", "a recipe (JSON: pool, filters, selector, size; see docs/CLI.md)"},
           {"method", "NAME", "the selector (see docs/CLI.md for the list and parameters)"},
           {"size", "N", "number of samples to select"},
           {"fraction", "F", "project: select this fraction of the pool left after the filters"},
           {"seed", "S", "random seed; default 0"},
           {"param", "KEY=VALUE", "a method parameter (see docs/CLI.md); repeatable", true},
           {"embedder", "E", "project: the embeddings to use (default builtin)"},
           {"dataset", "NAME", "project: pool = this dataset"},
           {"split", "S", "project: pool = this split"},
           {"tag", "T", "project: pool = samples with this tag"},
           {"subset", "NAME", "project: pool = members of this subset"},
           {"name", "SUBSET", "project: save the result as this subset"},
           {"replace", "", "project: overwrite a subset of the same name"},
           {"normalize", "", "bare matrix: L2-normalise the rows first (default: plain Euclidean)"},
           kQuiet,
           kJson},
          "Prints the chosen samples (or row indices) in selection order with their scores. The same recipe\n"
          "and seed on the same project give the same subset."},
         runSelect},
        {{"subsets",
          {"PROJECT"},
          "list the saved subsets with their method and parameters",
          {{"delete", "NAME", "delete this subset (its samples stay)"}, kJson},
          ""},
         runSubsets},
    };
    return list;
}

}  // namespace winnow::cli
