// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "synth.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace winnow::bench {
namespace {

class Dice {
public:
    explicit Dice(std::uint64_t seed) : m_rng(seed) {}
    double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(m_rng); }
    int integer(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }
    cv::Scalar colour() { return {uniform(0, 255), uniform(0, 255), uniform(0, 255)}; }

private:
    std::mt19937_64 m_rng;
};

/// Linear gradient between two colours along a random direction, with a radial falloff (vignette).
cv::Mat background(int width, int height, Dice& dice) {
    const cv::Scalar a = dice.colour();
    const cv::Scalar b = dice.colour();
    const double angle = dice.uniform(0, 2 * M_PI);
    const double dx = std::cos(angle) / width;
    const double dy = std::sin(angle) / height;
    const double cx = dice.uniform(0.2, 0.8) * width;
    const double cy = dice.uniform(0.2, 0.8) * height;
    const double vignette = dice.uniform(0.1, 0.5) / (static_cast<double>(width) * width);
    cv::Mat img(height, width, CV_32FC3);
    for (int y = 0; y < height; ++y) {
        auto* row = img.ptr<cv::Vec3f>(y);
        for (int x = 0; x < width; ++x) {
            const double t = std::clamp(0.5 + (x - width / 2.0) * dx + (y - height / 2.0) * dy, 0.0, 1.0);
            const double fall = 1.0 - vignette * ((x - cx) * (x - cx) + (y - cy) * (y - cy));
            for (int c = 0; c < 3; ++c) row[x][c] = static_cast<float>((a[c] * (1 - t) + b[c] * t) * fall);
        }
    }
    return img;
}

/// Adds one octave of texture: random values on a grid of `cell` pixels, enlarged by bicubic interpolation.
void addOctave(cv::Mat& img, int cell, double amplitude, std::uint64_t seed) {
    cv::Mat coarse(img.rows / cell + 2, img.cols / cell + 2, CV_32FC3);
    cv::RNG rng(seed);
    rng.fill(coarse, cv::RNG::NORMAL, 0.0, amplitude);
    cv::Mat fine;
    cv::resize(coarse, fine, img.size(), 0, 0, cv::INTER_CUBIC);
    img += fine;
}

/// Photo-like texture: a large smooth octave (lighting) and a medium one (surfaces).
void addTexture(cv::Mat& img, Dice& dice, std::uint64_t seed) {
    addOctave(img, dice.integer(24, 64), dice.uniform(6, 20), seed);
    addOctave(img, dice.integer(6, 12), dice.uniform(4, 10), seed + 1);
}

void drawShape(cv::Mat& layer, Dice& dice) {
    const int w = layer.cols;
    const int h = layer.rows;
    const cv::Point centre(dice.integer(0, w - 1), dice.integer(0, h - 1));
    const int size = dice.integer(h / 16, h / 3);
    const cv::Scalar colour = dice.colour();
    switch (dice.integer(0, 3)) {
    case 0: cv::circle(layer, centre, size, colour, cv::FILLED, cv::LINE_AA); break;
    case 1:
        cv::ellipse(layer, centre, {size, dice.integer(size / 4 + 1, size)}, dice.uniform(0, 180), 0, 360, colour,
                    cv::FILLED, cv::LINE_AA);
        break;
    case 2:
        cv::rectangle(layer, centre, centre + cv::Point(dice.integer(-size, size), dice.integer(-size, size)),
                      colour, cv::FILLED, cv::LINE_AA);
        break;
    default: {
        std::vector<cv::Point> poly;
        const int corners = dice.integer(3, 7);
        for (int k = 0; k < corners; ++k) {
            const double a = 2 * M_PI * k / corners + dice.uniform(-0.4, 0.4);
            const double r = size * dice.uniform(0.4, 1.0);
            poly.emplace_back(centre.x + static_cast<int>(r * std::cos(a)), centre.y + static_cast<int>(r * std::sin(a)));
        }
        cv::fillPoly(layer, std::vector<std::vector<cv::Point>>{poly}, colour, cv::LINE_AA);
    }
    }
}

}  // namespace

cv::Mat synthesizePhoto(int width, int height, std::uint64_t seed, double noise, double detail) {
    Dice dice(seed);
    cv::Mat img = background(width, height, dice);
    addTexture(img, dice, seed ^ 0x9E3779B97F4A7C15ull);
    const int shapes = dice.integer(5, 14);
    for (int s = 0; s < shapes; ++s) {
        cv::Mat layer = img.clone();
        drawShape(layer, dice);
        const double alpha = dice.uniform(0.35, 0.9);
        cv::addWeighted(layer, alpha, img, 1 - alpha, 0, img);
    }
    cv::GaussianBlur(img, img, {0, 0}, dice.uniform(0.6, 1.4));  // soft edges, as through a lens
    addOctave(img, 2, dice.uniform(detail * 0.7, detail * 1.3), seed + 2);  // fine detail
    cv::Mat grain(img.size(), CV_32FC3);
    cv::RNG rng(seed * 0xD1B54A32D192ED03ull + 1);
    rng.fill(grain, cv::RNG::NORMAL, 0.0, noise);
    img += grain;
    cv::Mat out;
    img.convertTo(out, CV_8UC3);  // saturating
    return out;
}

}  // namespace winnow::bench
