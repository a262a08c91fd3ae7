// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <string>

#include "imageio/hashing.h"

using winnow::imageio::hamming;
using winnow::imageio::hashHex;
using winnow::imageio::sha512Hex;

namespace {

std::string sha(const std::string& s) { return sha512Hex(s.data(), s.size()); }

}  // namespace

// FIPS 180-2, appendix C (SHA-512 examples).
TEST(Sha512, OneBlockMessage) {
    EXPECT_EQ(sha("abc"),
              "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
              "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

TEST(Sha512, EmptyMessage) {
    const std::string expected =
        "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
        "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";
    EXPECT_EQ(sha(""), expected);
    EXPECT_EQ(sha512Hex(nullptr, 0), expected);
}

TEST(Sha512, TwoBlockMessage) {
    EXPECT_EQ(sha("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrst"
                  "nopqrstu"),
              "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
              "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909");
}

TEST(Sha512, MillionA) {
    EXPECT_EQ(sha(std::string(1000000, 'a')),
              "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
              "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b");
}

TEST(HashHex, MostSignificantBitFirst) {
    EXPECT_EQ(hashHex(0x0123456789abcdefULL), "0123456789abcdef");
    EXPECT_EQ(hashHex(1), "0000000000000001");
    EXPECT_EQ(hashHex(~0ULL), "ffffffffffffffff");
    EXPECT_EQ(hamming(0xF0ULL, 0x0FULL), 8);
    EXPECT_EQ(hamming(42, 42), 0);
}
