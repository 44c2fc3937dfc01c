#include "knead/complaint_words.hpp"

#include <algorithm>

#include "knead/body_words.hpp"

namespace knead {
namespace {

// Places are phrases of the vocabulary in body_words.cpp; muscles are written as the
// built-in routines write `muscle`. A test checks both.
constexpr Complaint kComplaints[] = {
    {"headache", "temple|forehead|back of the head|side of the head|behind the eye|top of the head",
     "upper trapezius|suboccipitals|sternocleidomastoid|temporalis"},
    {"tension headache", "temple|forehead|back of the head|side of the head|behind the eye",
     "upper trapezius|suboccipitals|sternocleidomastoid|temporalis"},
    {"migraine", "temple|behind the eye|forehead|side of the head",
     "upper trapezius|sternocleidomastoid|temporalis"},
    {"TMJ", "jaw|ear|cheek", "masseter|temporalis|medial pterygoid"},
    {"jaw joint", "jaw|ear|cheek", "masseter|temporalis|medial pterygoid"},
    {"temporomandibular", "jaw|ear|cheek", "masseter|temporalis|medial pterygoid"},
    {"clenching", "jaw|temple", "masseter|temporalis"},
    {"grinding", "jaw|temple", "masseter|temporalis"},
    {"toothache", "upper teeth|lower teeth", "masseter|temporalis|digastric"},
    {"earache", "ear", "masseter|medial pterygoid|sternocleidomastoid"},
    {"dizziness", "", "sternocleidomastoid"},
    {"dizzy", "", "sternocleidomastoid"},
    {"stiff neck", "neck|base of the neck", "levator scapulae|upper trapezius|splenius cervicis"},
    {"crick", "neck|base of the neck", "levator scapulae|upper trapezius|splenius cervicis"},
    {"nape", "back of the neck", ""},
    {"scalp", "top of the head|back of the head|forehead", "occipitofrontalis"},
    {"rotator cuff", "front of the shoulder|back of the shoulder|upper arm",
     "infraspinatus|supraspinatus|teres minor"},
    {"frozen shoulder", "front of the shoulder|back of the shoulder|upper arm",
     "infraspinatus|supraspinatus|teres minor"},
    {"tennis elbow", "outer elbow",
     "extensor carpi radialis|supinator|brachioradialis|extensor digitorum"},
    {"lateral epicondylitis", "outer elbow", "extensor carpi radialis|supinator|brachioradialis"},
    {"golfer's elbow", "inner elbow",
     "flexor carpi radialis and ulnaris|pronator teres|flexor digitorum superficialis and "
     "profundus"},
    {"medial epicondylitis", "inner elbow", "flexor carpi radialis and ulnaris|pronator teres"},
    {"carpal tunnel", "front of the wrist|palm|thumb|finger",
     "scalenes|flexor carpi radialis and ulnaris|opponens pollicis"},
    {"mouse arm", "forearm|back of the wrist|outer elbow",
     "extensor carpi radialis|extensor digitorum"},
    {"RSI", "forearm|wrist|outer elbow", "extensor carpi radialis|extensor digitorum"},
    {"repetitive strain", "forearm|wrist|outer elbow",
     "extensor carpi radialis|extensor digitorum"},
    {"texting thumb", "thumb|web of the thumb", "adductor pollicis|opponens pollicis|brachialis"},
    {"sternum", "breastbone", "sternalis"},
    {"armpit", "side of the chest|inner arm", ""},
    {"thoracic", "middle of the back|between the shoulder blades", "thoracic paraspinals"},
    {"lumbago", "lower back", "quadratus lumborum|lumbar multifidus"},
    {"lumbar", "lower back", "quadratus lumborum|lumbar multifidus"},
    {"SI joint", "sacroiliac joint", "quadratus lumborum|lumbar multifidus|gluteus maximus"},
    {"sacroiliac", "sacroiliac joint", "quadratus lumborum|lumbar multifidus|gluteus maximus"},
    {"sacrum", "sacroiliac joint|tailbone", ""},
    {"coccyx", "tailbone", ""},
    {"tummy", "belly", ""},
    {"bum", "buttock", ""},
    {"butt", "buttock", ""},
    {"trap", "top of the shoulder|side of the neck", "upper trapezius"},
    {"pec", "chest|front of the shoulder", "pectoralis major|pectoralis minor"},
    {"lat", "shoulder blade|back of the shoulder", "latissimus dorsi"},
    {"delt", "front of the shoulder|back of the shoulder", "deltoid"},
    {"bicep", "front of the shoulder|upper arm", "biceps brachii"},
    {"tricep", "back of the arm|back of the shoulder", "triceps brachii"},
    {"glute", "buttock", "gluteus maximus|gluteus medius|gluteus minimus"},
    {"sciatica", "buttock|back of the thigh|calf|back of the hip",
     "piriformis|gluteus minimus|gluteus medius"},
    {"hip flexor", "groin|front of the thigh", "rectus femoris|tensor fasciae latae"},
    {"groin strain", "groin|inner thigh", "adductor longus and magnus"},
    {"hamstring", "back of the thigh|back of the knee",
     "biceps femoris|semitendinosus and semimembranosus"},
    {"quad", "front of the thigh|front of the knee",
     "rectus femoris|vastus medialis|vastus lateralis"},
    {"quadricep", "front of the thigh|front of the knee",
     "rectus femoris|vastus medialis|vastus lateralis"},
    {"IT band", "outer thigh|outer knee", "tensor fasciae latae|vastus lateralis"},
    {"iliotibial", "outer thigh|outer knee", "tensor fasciae latae|vastus lateralis"},
    {"kneecap", "front of the knee", "rectus femoris|vastus medialis"},
    {"patella", "front of the knee", "rectus femoris|vastus medialis"},
    {"runner's knee", "front of the knee|outer knee",
     "vastus medialis|vastus lateralis|rectus femoris"},
    {"jumper's knee", "front of the knee", "rectus femoris|vastus medialis"},
    {"shin splint", "shin", "tibialis anterior"},
    {"Achilles", "back of the ankle|heel", "soleus|gastrocnemius"},
    {"heel spur", "heel", "soleus|quadratus plantae|abductor hallucis"},
    {"plantar fasciitis", "heel|arch of the foot",
     "soleus|quadratus plantae|abductor hallucis|gastrocnemius"},
    {"instep", "top of the foot|arch of the foot", ""},
    {"metatarsalgia", "ball of the foot", "flexor digitorum brevis|flexor hallucis brevis"},
};

struct CareNote {
    std::string_view words;  // any of these, '|' between them, as split_body_words gives them
    std::string_view note;
};

// Symptoms that a trigger point can imitate but that need a doctor first. Written for
// this table; the reasons and sources are in docs/where.md.
constexpr CareNote kCareNotes[] = {
    {"chest",
     "Chest pain can come from the heart. With breathlessness, sweating, sickness, or pain "
     "spreading to the arm, jaw or back, call emergency services now and do not massage. Any "
     "new chest pain needs a doctor before self-massage."},
    {"sudden|worst|thunderclap",
     "Sudden severe pain, above all a headache that peaks within a minute or is the worst you "
     "have had, or tearing pain in the chest or back: call emergency services."},
    {"numb|numbness",
     "Numbness is a sign to see a doctor, not to press. Numbness around the groin or buttocks, "
     "or with new bladder or bowel trouble, needs urgent care today; sudden numbness of the "
     "face, an arm or a leg on one side is an emergency."},
    {"tingle|tingling|tingly|needle",
     "Tingling that lasts, spreads, wakes you at night or comes with weakness needs a doctor's "
     "check; sudden tingling on one side of the body with weakness or trouble speaking is an "
     "emergency. Stop pressing any point that brings tingling on."},
    {"weak|weakness",
     "New weakness in an arm, a leg or the face needs a doctor today; sudden weakness on one "
     "side, a drooping face or slurred speech: call emergency services now."},
    {"dizzy|dizziness|vertigo|lightheaded|faint|fainting",
     "Dizziness needs a doctor first, above all when it is new. With a sudden severe headache, "
     "double vision, slurred speech, trouble swallowing or weakness, call emergency services. "
     "Work no neck point until a doctor has checked it."},
    {"fever|temperature|chill",
     "Pain with a fever needs a doctor, not massage. A stiff neck with a fever or a rash, or "
     "back pain with a fever, needs urgent care."},
    {"swelling|swollen|swell",
     "A swollen, warm, red or tender calf or leg can be a blood clot: see a doctor now and do "
     "not massage it. Swelling after an injury, or a swollen, hot joint, needs a check first."},
    {"fall|fell|fallen|injury|injured|accident|crash|sprain|sprained|fracture|broken|whiplash",
     "Pain after a fall, a crash or an injury needs a check for a broken bone or a tear before "
     "any massage: see a doctor or physiotherapist first. After a blow to the head with "
     "headache, drowsiness or vomiting, seek urgent care."},
    {"bladder|bowel|incontinence|saddle",
     "Back pain with new bladder or bowel trouble, or numbness around the groin or buttocks, "
     "needs urgent care today: a pressed nerve at the base of the spine must be ruled out."},
    {"breathless|breathlessness|breath|breathe|breathing",
     "Breathlessness with pain, above all after a long journey or surgery or with a swollen "
     "leg, needs emergency care: call emergency services."},
};

// Symptom words that are places too, and so stay in a search for places.
constexpr std::string_view kSymptomPlaces[] = {"chest"};

// Words that say how it feels, not where, and need no care note: left out of a search for
// places, but still part of a complaint's name ("stiff neck").
constexpr std::string_view kFeelings[] = {"stiff", "stiffness"};

std::vector<std::string> words_of(std::string_view phrase) {
    return split_body_words(phrase);
}

}  // namespace

std::span<const Complaint> complaint_table() {
    return kComplaints;
}

std::vector<std::string_view> complaint_items(std::string_view field) {
    std::vector<std::string_view> out;
    while (!field.empty()) {
        auto bar = field.find('|');
        out.push_back(field.substr(0, bar));
        if (bar == std::string_view::npos) break;
        field.remove_prefix(bar + 1);
    }
    return out;
}

std::vector<const Complaint*> find_complaints(const std::vector<std::string>& words,
                                              std::vector<std::string>& rest) {
    static const std::vector<std::vector<std::string>> keys = [] {
        std::vector<std::vector<std::string>> out;
        for (const auto& c : kComplaints) out.push_back(words_of(c.phrase));
        return out;
    }();
    // Longest phrases first, so "tension headache" wins over "headache".
    static const std::vector<std::size_t> order = [] {
        std::vector<std::size_t> out(std::size(kComplaints));
        for (std::size_t i = 0; i < out.size(); ++i) out[i] = i;
        std::stable_sort(out.begin(), out.end(), [](std::size_t a, std::size_t b) {
            return keys[a].size() > keys[b].size();
        });
        return out;
    }();
    std::vector<bool> taken(words.size(), false);
    std::vector<const Complaint*> found;
    for (std::size_t c : order) {
        const auto& key = keys[c];
        if (key.empty() || key.size() > words.size()) continue;
        for (std::size_t i = 0; i + key.size() <= words.size(); ++i) {
            bool match = true;
            for (std::size_t k = 0; k < key.size() && match; ++k)
                match = !taken[i + k] && words[i + k] == key[k];
            if (!match) continue;
            for (std::size_t k = 0; k < key.size(); ++k) taken[i + k] = true;
            if (std::find(found.begin(), found.end(), &kComplaints[c]) == found.end())
                found.push_back(&kComplaints[c]);
        }
    }
    rest.clear();
    for (std::size_t i = 0; i < words.size(); ++i)
        if (!taken[i]) rest.push_back(words[i]);
    return found;
}

std::vector<std::string_view> care_notes(std::string_view text) {
    const auto words = words_of(text);
    std::vector<std::string_view> out;
    for (const auto& n : kCareNotes) {
        const auto triggers = complaint_items(n.words);
        bool hit = std::any_of(words.begin(), words.end(), [&](const std::string& w) {
            return std::find(triggers.begin(), triggers.end(), w) != triggers.end();
        });
        if (hit) out.push_back(n.note);
    }
    return out;
}

bool is_symptom_word(std::string_view word) {
    if (std::find(std::begin(kFeelings), std::end(kFeelings), word) != std::end(kFeelings))
        return true;
    if (std::find(std::begin(kSymptomPlaces), std::end(kSymptomPlaces), word) !=
        std::end(kSymptomPlaces))
        return false;
    return std::any_of(std::begin(kCareNotes), std::end(kCareNotes), [&](const CareNote& n) {
        const auto triggers = complaint_items(n.words);
        return std::find(triggers.begin(), triggers.end(), word) != triggers.end();
    });
}

}  // namespace knead
