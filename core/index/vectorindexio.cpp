// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// VectorIndex files: "WNVINDX1", u32 version, the IndexInfo fields (fixed-size little-endian values and two
// length-prefixed strings), FAISS's serialisation of the index (faiss::write_index), then "WNVIEND1" and
// the byte length of the FAISS part, so truncation and trailing bytes are both detected.
#include <faiss/IndexFlat.h>
#include <faiss/IndexIVFFlat.h>
#include <faiss/index_io.h>

#include <cstring>
#include <new>
#include <stdexcept>

#include "common/error.h"
#include "index/binaryio.h"
#include "index/faisserror.h"
#include "index/threads.h"
#include "index/vectorindex.h"
#include "index/vectorindeximpl.h"

namespace winnow::index {
namespace {

constexpr char kMagic[8] = {'W', 'N', 'V', 'I', 'N', 'D', 'X', '1'};
constexpr char kEnd[8] = {'W', 'N', 'V', 'I', 'E', 'N', 'D', '1'};
constexpr std::uint32_t kVersion = 1;
constexpr std::uint32_t kMaxString = 4096;

void putString(detail::BinaryWriter& w, const std::string& s) {
    w.put<std::uint32_t>(static_cast<std::uint32_t>(s.size()));
    w.write(s.data(), s.size());
}

std::string getString(detail::BinaryReader& r, const char* what) {
    const auto len = r.get<std::uint32_t>(what);
    if (len > kMaxString) r.fail(std::string("corrupt header (") + what + ")");
    std::string s(len, '\0');
    r.read(s.data(), len, what);
    return s;
}

}  // namespace

void VectorIndex::save(const std::string& path) const {
    if (!d) throw std::logic_error("VectorIndex::save: empty index");
    const IndexInfo& i = d->info;
    detail::BinaryWriter w(path);
    w.write(kMagic, sizeof kMagic);
    w.put<std::uint32_t>(kVersion);
    w.put<std::uint32_t>(i.metric == Metric::L2 ? 0 : 1);
    w.put<std::uint8_t>(i.exact ? 1 : 0);
    w.put<std::int64_t>(i.rows);
    w.put<std::int32_t>(i.dim);
    w.put<std::int32_t>(i.nlist);
    w.put<std::int32_t>(i.nprobe);
    w.put<std::int64_t>(i.trainRows);
    w.put<double>(i.targetRecall);
    w.put<std::int32_t>(i.recallK);
    w.put<std::int64_t>(i.recallQueries);
    w.put<double>(i.recall);
    w.put<std::uint64_t>(i.seed);
    putString(w, i.type);
    putString(w, i.reason);
    const long begin = std::ftell(w.file());
    try {
        faiss::write_index(d->index.get(), w.file());
    } catch (const faiss::FaissException& e) {
        w.fail("cannot write the FAISS index: " + e.msg);
    }
    const long end = std::ftell(w.file());
    if (begin < 0 || end < begin) w.fail("write failed");
    w.write(kEnd, sizeof kEnd);
    w.put<std::uint64_t>(static_cast<std::uint64_t>(end - begin));
    w.commit();
}

VectorIndex VectorIndex::load(const std::string& path, int threads) {
    detail::BinaryReader r(path);
    char magic[8];
    r.read(magic, sizeof magic, "magic");
    if (std::memcmp(magic, kMagic, sizeof magic) != 0) r.fail("not a Winnow vector index file");
    const auto version = r.get<std::uint32_t>("version");
    if (version != kVersion)
        r.fail("vector index format version " + std::to_string(version) + " is not supported (expected " +
               std::to_string(kVersion) + ")");
    auto impl = std::make_unique<Impl>();
    impl->threads = detail::resolveThreads(threads);
    IndexInfo& i = impl->info;
    const auto metric = r.get<std::uint32_t>("metric");
    if (metric > 1) r.fail("corrupt header (metric)");
    i.metric = metric == 0 ? Metric::L2 : Metric::InnerProduct;
    const auto exact = r.get<std::uint8_t>("exact");
    if (exact > 1) r.fail("corrupt header (exact)");
    i.exact = exact == 1;
    i.rows = r.get<std::int64_t>("rows");
    i.dim = r.get<std::int32_t>("dim");
    i.nlist = r.get<std::int32_t>("nlist");
    i.nprobe = r.get<std::int32_t>("nprobe");
    i.trainRows = r.get<std::int64_t>("trainRows");
    i.targetRecall = r.get<double>("targetRecall");
    i.recallK = r.get<std::int32_t>("recallK");
    i.recallQueries = r.get<std::int64_t>("recallQueries");
    i.recall = r.get<double>("recall");
    i.seed = r.get<std::uint64_t>("seed");
    i.type = getString(r, "type");
    i.reason = getString(r, "reason");
    if (i.rows < 0 || i.dim < 1 || i.nlist < 0 || i.nprobe < 0 ||
        (!i.exact && (i.nlist < 1 || i.nprobe < 1)) || !(i.recall >= 0 && i.recall <= 1))
        r.fail("corrupt header");

    // Check the end marker before FAISS reads anything: a truncated file is reported as such (and FAISS,
    // which leaks a half-read index when it throws, never sees one).
    const std::uint64_t begin = r.position();
    if (r.size() < begin + 16) r.fail("truncated file (FAISS index data)");
    r.seek(r.size() - 16);
    char tail[8];
    r.read(tail, sizeof tail, "end marker");
    const auto length = r.get<std::uint64_t>("end marker");
    if (std::memcmp(tail, kEnd, sizeof tail) != 0 || length != r.size() - 16 - begin)
        r.fail("truncated or corrupt file (end marker)");
    r.seek(begin);
    try {
        impl->index.reset(faiss::read_index(r.file(), 0));
    } catch (const faiss::FaissException& e) {
        r.fail("corrupt FAISS index data (" + e.msg + ")");
    } catch (const std::bad_alloc&) {
        r.fail("corrupt FAISS index data (impossible sizes)");
    } catch (const std::length_error&) {
        r.fail("corrupt FAISS index data (impossible sizes)");
    }
    if (r.position() != begin + length) r.fail("corrupt FAISS index data (length differs from the header's)");

    faiss::Index* idx = impl->index.get();
    const faiss::MetricType want = i.metric == Metric::L2 ? faiss::METRIC_L2 : faiss::METRIC_INNER_PRODUCT;
    if (idx->d != i.dim || idx->ntotal != i.rows || idx->metric_type != want)
        r.fail("the FAISS index disagrees with the header");
    if (i.exact) {
        if (!dynamic_cast<faiss::IndexFlat*>(idx)) r.fail("the FAISS index is not a flat index");
    } else {
        auto* ivf = dynamic_cast<faiss::IndexIVFFlat*>(idx);
        if (!ivf || static_cast<int>(ivf->nlist) != i.nlist || i.nprobe > i.nlist)
            r.fail("the FAISS index is not the IVF index the header describes");
        ivf->nprobe = static_cast<std::size_t>(i.nprobe);
        try {
            impl->prepareLists();
        } catch (const Error& e) {
            r.fail(e.what());
        }
    }
    return VectorIndex(std::move(impl));
}

}  // namespace winnow::index
