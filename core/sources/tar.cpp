// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Tar (WebDataset) source: samples assembled from contiguous members that share a key.
//
// Error behaviour: a shard that cannot be opened, is not a tar, or turns out corrupt or truncated makes
// next() throw winnow::Error naming the shard, after every sample completed before the damage has been
// yielded. The sample whose members were being read when the damage was met is dropped (it may lack
// members), and the source is finished afterwards (next() returns false). A shard that is not a tar is
// reported when the source is opened if it is the first shard.

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <unordered_set>
#include <vector>

#include "common/error.h"
#include "sources/detail.h"
#include "sources/tar_sample.h"

namespace fs = std::filesystem;

namespace winnow::sources::detail {

namespace {

/// Captions, labels and .json members above this size are skipped (they are text, not payloads).
constexpr std::int64_t kMaxTextMemberBytes = 16 << 20;

struct ArchiveFree {
    void operator()(archive* handle) const { archive_read_free(handle); }
};

class TarSource final : public Source {
public:
    TarSource(const std::string& path, const SourceParams& params) : m_params(params) {
        const std::string root = absoluteNormal(path);
        std::error_code ec;
        if (fs::is_directory(root, ec)) {
            std::int64_t others = 0;
            for (fs::directory_iterator it(root, ec); !ec && it != fs::directory_iterator();
                 it.increment(ec)) {
                const std::string name = it->path().filename().string();
                if (name.empty() || name[0] == '.') continue;
                if (isTarName(name)) {
                    m_shards.push_back(root + "/" + name);
                } else {
                    ++others;
                }
            }
            if (ec) throw Error("cannot read folder " + root + ": " + ec.message());
            if (m_shards.empty()) throw Error(root + ": no .tar shards in this folder");
            std::sort(m_shards.begin(), m_shards.end());
            if (others > 0) {
                m_warnings.add(root + ": ignored " + plural(others, "other item") + " (not .tar shards)");
            }
        } else {
            m_shards.push_back(root);
        }
        // Open the first shard now so that "not a tar" is reported by openSource().
        openShard();
        if (readHeader()) {
            m_pending = true;
        } else {
            closeShard();
        }
    }

    Format format() const override { return Format::Tar; }
    std::int64_t sizeHint() const override { return -1; }

    bool next(Item& item) override {
        while (!m_done) {
            if (!m_pending) {
                if (!m_archive) {
                    if (m_shardIndex >= m_shards.size()) break;
                    openShard();
                }
                if (!readHeader()) {
                    const bool yielded = finishSample(item);
                    closeShard();
                    if (yielded) return true;
                    continue;
                }
                m_pending = true;
            }
            if (archive_entry_filetype(m_entry) != AE_IFREG) {  // folders, links, devices
                m_pending = false;
                continue;
            }
            const char* rawName = archive_entry_pathname(m_entry);
            if (!rawName) rawName = archive_entry_pathname_utf8(m_entry);
            const std::string name = rawName ? rawName : "";
            const MemberName parts = splitMemberName(name);
            if (parts.hidden) {
                ++m_hiddenMembers;
                m_pending = false;
                continue;
            }
            if (m_sample.active && parts.key != m_sample.key) {
                // The header stays pending: it opens the next sample on the next call.
                if (finishSample(item)) return true;
                continue;
            }
            m_pending = false;
            addMember(name, parts);
        }
        m_done = true;
        return false;
    }

    std::vector<std::string> warnings() const override {
        std::vector<std::string> out = m_warnings.lines();
        if (m_samplesWithoutImage > 0) {
            out.push_back("skipped " + plural(m_samplesWithoutImage, "sample") + " without an image member");
        }
        if (m_extraImages > 0) {
            out.push_back("ignored " + plural(m_extraImages, "extra image member") +
                          " (a sample keeps its first image)");
        }
        if (m_otherMembers > 0) {
            out.push_back("ignored " + plural(m_otherMembers, "member") + " with other extensions");
        }
        if (m_hiddenMembers > 0) out.push_back("ignored " + plural(m_hiddenMembers, "hidden member"));
        return out;
    }

private:
    const std::string& shard() const { return m_shards[m_shardIndex]; }

    void openShard() {
        m_seenKeys.clear();
        m_samplesInShard = 0;
        m_lastMember.clear();
        m_archive.reset(archive_read_new());
        if (!m_archive) throw Error("out of memory opening " + shard());
        archive_read_support_filter_all(m_archive.get());  // .tar.gz, .tgz (and whatever else is built in)
        archive_read_support_format_tar(m_archive.get());
        if (archive_read_open_filename(m_archive.get(), shard().c_str(), 1 << 16) != ARCHIVE_OK) {
            fail("not a readable tar archive");
        }
    }

    void closeShard() {
        m_archive.reset();
        m_entry = nullptr;
        m_pending = false;
        ++m_shardIndex;
    }

    /// Next header of the current shard into m_entry; false at its end. Throws on damage.
    bool readHeader() {
        const int status = archive_read_next_header(m_archive.get(), &m_entry);
        if (status == ARCHIVE_EOF) return false;
        if (status == ARCHIVE_WARN) {
            m_warnings.add(displayName(shard()) + ": " + errorString());
        } else if (status != ARCHIVE_OK) {
            fail(m_lastMember.empty() ? "not a readable tar archive" : "corrupt or truncated");
        }
        return true;
    }

    std::string errorString() const {
        const char* message = m_archive ? archive_error_string(m_archive.get()) : nullptr;
        return message ? message : "unknown error";
    }

    [[noreturn]] void fail(const std::string& what) {
        std::string message = displayName(shard()) + ": " + what;
        if (!m_lastMember.empty()) {
            message += " after " + plural(m_samplesInShard, "complete sample") +
                       " (last member read: " + m_lastMember + ")";
        }
        message += ": " + errorString();
        m_done = true;
        m_archive.reset();
        throw Error(message);
    }

    void addMember(const std::string& name, const MemberName& parts) {
        if (!m_sample.active) {
            if (!m_seenKeys.insert(parts.key).second) {
                m_warnings.add(displayName(shard()) + ": members of sample " + parts.key +
                               " are not contiguous; " + name + " starts a second sample");
            }
            m_sample.active = true;
            m_sample.key = parts.key;
        }
        const std::int64_t size = archive_entry_size_is_set(m_entry) ? archive_entry_size(m_entry) : -1;
        const MemberKind kind = memberKind(parts.extension);
        if (kind == MemberKind::Image) {
            if (m_sample.hasImage) {
                ++m_extraImages;
            } else {
                m_sample.hasImage = true;
                m_sample.imageMember = name;
                m_sample.imageOffset = archive_read_header_position(m_archive.get());
                if (size < 0 || size > m_params.maxItemBytes) {
                    // Not read: the next header read skips the data.
                    m_sample.imageError = size < 0 ? "member size unknown"
                                                   : "member too large (" + std::to_string(size) +
                                                         " bytes, limit " +
                                                         std::to_string(m_params.maxItemBytes) + ")";
                } else {
                    readData(m_sample.imageBytes, size);
                }
            }
        } else if (kind == MemberKind::Other) {
            ++m_otherMembers;
        } else if (size < 0 || size > std::min(kMaxTextMemberBytes, m_params.maxItemBytes)) {
            m_warnings.add(displayName(shard()) + ": " + name + " is too large for a text member, skipped");
        } else {
            std::vector<std::uint8_t> bytes;
            readData(bytes, size);
            const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
            if (kind == MemberKind::Caption) {
                m_sample.caption = trimTrailingNewlines(text);
            } else if (kind == MemberKind::Label) {
                m_sample.label = trim(text);
            } else if (!m_sample.applyJson(text)) {
                m_warnings.add(displayName(shard()) + ": " + name + " is not a JSON object, ignored");
            }
        }
        m_lastMember = name;
    }

    void readData(std::vector<std::uint8_t>& bytes, std::int64_t size) {
        bytes.resize(static_cast<std::size_t>(size));
        std::size_t done = 0;
        while (done < bytes.size()) {
            const la_ssize_t got =
                archive_read_data(m_archive.get(), bytes.data() + done, bytes.size() - done);
            if (got < 0) fail("corrupt or truncated");
            if (got == 0) fail("truncated data");
            done += static_cast<std::size_t>(got);
        }
    }

    /// Yields the sample being assembled if it has an image; false (and a warning count) otherwise.
    bool finishSample(Item& item) {
        if (!m_sample.active) return false;
        ++m_samplesInShard;
        if (!m_sample.hasImage) {
            ++m_samplesWithoutImage;
            m_sample.clear();
            return false;
        }
        m_sample.moveTo(item, shard());
        return true;
    }

    SourceParams m_params;
    std::vector<std::string> m_shards;  ///< absolute, sorted
    std::size_t m_shardIndex = 0;
    std::unique_ptr<archive, ArchiveFree> m_archive;
    archive_entry* m_entry = nullptr;  ///< owned by m_archive; valid while m_pending
    bool m_pending = false;            ///< m_entry is read but not yet consumed
    bool m_done = false;
    TarSample m_sample;
    std::unordered_set<std::string> m_seenKeys;  ///< keys seen in the current shard
    std::int64_t m_samplesInShard = 0;
    std::string m_lastMember;
    std::int64_t m_samplesWithoutImage = 0;
    std::int64_t m_extraImages = 0;
    std::int64_t m_otherMembers = 0;
    std::int64_t m_hiddenMembers = 0;
    WarningList m_warnings;
};

}  // namespace

std::unique_ptr<Source> makeTarSource(const std::string& path, const SourceParams& params) {
    return std::make_unique<TarSource>(path, params);
}

}  // namespace winnow::sources::detail
