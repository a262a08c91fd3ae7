// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "fixtures.h"
#include "sources/source.h"

using namespace winnow::sources;
using namespace winnow::sources::fixtures;

TEST(CocoSource, ImagesByIdWithLabelsAndCaptions) {
    TempDir dir;
    writeFile(dir / "ann/a.jpg", "img");
    writeFile(dir / "ann/images/b.jpg", "img");  // found through the sibling images/ folder
    writeFile(dir / "ann/c.jpg", "img");
    writeFile(dir / "ann/coco.json", R"({
      "info": {"year": 2017}, "licenses": [{"id": 1}],
      "images": [
        {"id": 30, "file_name": "c.jpg", "width": 10},
        {"id": 4, "file_name": "a.jpg"},
        {"id": 12, "file_name": "b.jpg"},
        {"id": 50, "file_name": "gone.jpg"},
        {"file_name": "no-id.jpg"},
        7,
        {"id": 1.5, "file_name": "float-id.jpg"}
      ],
      "categories": [{"id": 1, "name": "dog"}, {"id": 2, "name": "cat"}],
      "annotations": [
        {"id": 1, "image_id": 4, "category_id": 1, "segmentation": [[1, 2, 3]], "bbox": [0, 0, 1, 1]},
        {"id": 2, "image_id": 4, "category_id": 2},
        {"id": 3, "image_id": 4, "category_id": 1},
        {"id": 4, "image_id": 12, "caption": "first caption"},
        {"id": 5, "image_id": 12, "caption": "second caption"},
        {"id": 6, "image_id": 99, "category_id": 1},
        {"id": 7, "image_id": 30, "category_id": 7}
      ]})");
    auto source = openSource(dir / "ann/coco.json");
    EXPECT_EQ(source->format(), Format::Coco);
    EXPECT_EQ(source->sizeHint(), 4);
    const auto items = readAll(*source);
    ASSERT_EQ(items.size(), 4u);
    EXPECT_EQ(items[0].uri, dir / "ann/a.jpg");
    EXPECT_EQ(items[0].label, "cat;dog");
    EXPECT_EQ(items[0].caption, "");
    EXPECT_EQ(items[1].uri, dir / "ann/images/b.jpg");
    EXPECT_EQ(items[1].label, "");
    EXPECT_EQ(items[1].caption, "first caption");
    EXPECT_EQ(items[2].uri, dir / "ann/c.jpg");
    EXPECT_EQ(items[2].label, "");
    EXPECT_EQ(items[3].uri, dir / "ann/gone.jpg");
    EXPECT_EQ(items[3].error, "file not found");
    for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(items[i].error, "");
    const std::vector<std::string> warnings{"coco.json: images[4] has no id or file_name, skipped",
                                            "coco.json: images[5] has no id or file_name, skipped",
                                            "coco.json: images[6] has no id or file_name, skipped",
                                            "coco.json: ignored 1 annotation of unknown images",
                                            "coco.json: ignored 1 annotation with unknown categories"};
    EXPECT_EQ(source->warnings(), warnings);
}

TEST(CocoSource, StringIds) {
    TempDir dir;
    writeFile(dir / "coco.json",
              R"({"images": [{"id": "b", "file_name": "b.jpg"}, {"id": "a", "file_name": "a.jpg"}],
      "categories": [{"id": 1, "name": "x"}], "annotations": [{"image_id": "a", "category_id": 1}]})");
    const auto items = readAll(dir / "coco.json");
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].uri, dir / "a.jpg");
    EXPECT_EQ(items[0].label, "x");
}

TEST(CocoSource, Errors) {
    TempDir dir;
    writeFile(dir / "bad.json", R"({"images": [{"id": 1,)");
    EXPECT_NE(errorOf([&] { openSource(dir / "bad.json"); }).rfind("bad.json: invalid JSON: ", 0),
              std::string::npos);
    writeFile(dir / "bad.json", R"({"annotations": []})");
    EXPECT_EQ(errorOf([&] { openSource(dir / "bad.json"); }),
              "bad.json: no \"images\" array (not a COCO annotation file?)");
    writeFile(dir / "bad.json", R"({"images": {"id": 1}})");
    EXPECT_EQ(errorOf([&] { openSource(dir / "bad.json"); }),
              "bad.json: no \"images\" array (not a COCO annotation file?)");
    writeFile(dir / "bad.json", R"([1, 2])");
    EXPECT_EQ(errorOf([&] { openSource(dir / "bad.json"); }),
              "bad.json: no \"images\" array (not a COCO annotation file?)");
}
