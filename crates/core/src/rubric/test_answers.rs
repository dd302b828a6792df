//! Answers for the rubric's tests: real bank questions, transcripts written the way people
//! answer them (Indian English, Hinglish, fresher and experienced), and word timings like a
//! transcriber's.

use aira_protocol::Feedback;

use super::{LocalCoachInput, local_feedback};
use crate::analytics::{DeliveryConfig, DeliveryReport, analyze_delivery};
use crate::i18n::Catalog;
use crate::question_bank::{Question, QuestionBank};
use crate::transcript::{Transcript, Word};

pub fn bank_question(id: &str) -> Question {
    QuestionBank::builtin()
        .ok()
        .and_then(|bank| bank.get(id).cloned())
        .unwrap_or_else(|| panic!("{id} is in the bank"))
}

/// Words at about `wpm`, each lasting 80 % of its slot, with a little deterministic jitter
/// so gaps are not all equal; a sentence end adds a breath of 350 ms.
pub fn spoken(text: &str, wpm: u32) -> Transcript {
    halting(text, wpm, 0)
}

/// Like [`spoken`], with a silence of 2.6 s after every `pause_every`-th word (none for 0).
pub fn halting(text: &str, wpm: u32, pause_every: usize) -> Transcript {
    let slot = 60_000 / wpm.max(1);
    let mut clock = 300_u32;
    let mut words = Vec::new();
    for (index, token) in text.split_whitespace().enumerate() {
        let jitter = (index as u32 * 37) % 60;
        let length = slot * 4 / 5 - 30 + jitter;
        words.push(Word::new(token, clock, clock + length));
        clock += slot;
        if token.ends_with(['.', '?', '!', '।']) {
            clock += 350;
        }
        if pause_every > 0 && (index + 1) % pause_every == 0 {
            clock += 2_600;
        }
    }
    let audio_ms = words.last().map_or(3_000, |word| word.end_ms + 700);
    Transcript::from_words(words, audio_ms)
}

pub struct Answered {
    pub delivery: DeliveryReport,
    pub feedback: Feedback,
}

pub fn coach(question: &Question, transcript: &Transcript) -> Answered {
    let delivery = analyze_delivery(transcript, question, &DeliveryConfig::default());
    let input = LocalCoachInput {
        question,
        transcript,
        delivery: &delivery,
    };
    let feedback = local_feedback(&input, &Catalog::english());
    Answered { delivery, feedback }
}

/// A strong and a weak answer to the same bank question, each with its speaking pace.
pub struct Pair {
    pub question: &'static str,
    pub strong: (&'static str, u32),
    pub weak: (&'static str, u32),
}

pub const PAIRS: &[Pair] = &[
    Pair {
        question: "sw-rest-api",
        strong: (
            "A REST API exposes each resource at its own URL endpoint. Clients use HTTP methods: GET to read, POST to create, PUT to update and DELETE to remove. Every request is stateless, so the server keeps no session between calls and can scale out. Responses are JSON with a clear status code such as 200 for success or 404 when the resource is missing. When I designed one for a library project I named the resources as plural nouns, versioned the path and documented every endpoint.",
            150,
        ),
        weak: (
            "Um, basically it is, like, an API, you know, that is basically used by, uh, apps. I think it is kind of how apps talk to the backend, maybe.",
            205,
        ),
    },
    Pair {
        question: "campus-tcp-udp",
        strong: (
            "TCP is connection oriented. Before sending data it sets up a connection with a three way handshake, and every segment is acknowledged, so lost packets are retransmitted and arrive in order. That makes it reliable, which is why HTTP, email and file transfer use it. UDP is connectionless: it just sends datagrams with no guarantee of delivery or order, so it has less overhead and is faster. That suits live video streaming, online gaming and DNS lookups, where speed matters more than one lost packet.",
            148,
        ),
        weak: (
            "TCP and UDP are both protocols, basically, in the transport layer. TCP is, like, more reliable I think and UDP is, uh, faster. That is the main difference, I guess.",
            170,
        ),
    },
    Pair {
        question: "sw-hashmap",
        strong: (
            "A hash map stores key value pairs in an array of buckets. When you insert a key, a hash function turns it into a hash code, and that code modulo the array size gives the bucket index. Two keys can land in the same bucket, which is a collision; Java handles it with chaining, keeping a linked list or a small tree in the bucket, while other maps use open addressing and probe the next slot. Because keys spread evenly, a lookup takes constant time on average, O of 1, but in the worst case, when everything collides, it becomes linear.",
            155,
        ),
        weak: (
            "So hash map is, basically, you put the key and value, and then you can take the value back using the key. It is very fast. We use it a lot in Java, like the HashMap class, for storing things.",
            160,
        ),
    },
    Pair {
        question: "data-overfitting",
        strong: (
            "Overfitting is when a model learns the training data too closely, noise included, so it scores very well in training but fails to generalize to new data it has not seen. You spot it when validation accuracy stalls while training accuracy keeps rising, so I always keep a hold out test set and use k fold cross validation. To prevent it you can collect more data, choose a simpler model, add regularization such as L1 or L2, use dropout in neural networks, or stop early when the validation loss starts to rise.",
            145,
        ),
        weak: (
            "Overfitting means the model is, um, overfit, like, it is fitted too much. I think we can, uh, reduce it by some techniques, maybe.",
            120,
        ),
    },
    Pair {
        question: "be-sql-injection",
        strong: (
            "SQL injection happens when user input is concatenated straight into a query string, so an attacker can type a quote followed by OR one equals one and the database runs it as SQL. It can leak or delete whole tables. The main fix is parameterized queries, also called prepared statements, where the input is sent separately through placeholders and is never executed as code. On top of that I validate input against an allow list and give the application's database user the least privilege it needs.",
            152,
        ),
        weak: (
            "SQL injection is a hacking attack on the database. Hackers use it to steal data. Basically we should use, like, security, and a firewall, you know, to stop the hackers.",
            140,
        ),
    },
    Pair {
        question: "fe-event-loop",
        strong: (
            "JavaScript runs on a single thread with one call stack, so only one piece of code runs at a time. Slow work like timers, network requests and file reads is handed to the browser or Node, and when it finishes its callback is put in a queue. There are two queues: the task queue for things like setTimeout, and the microtask queue for promise callbacks. The event loop keeps checking: when the call stack is empty it first runs every microtask, then takes the next task. That is why the code is non blocking, and why a resolved promise runs before a setTimeout of zero.",
            158,
        ),
        weak: (
            "Event loop is, uh, a loop which handles events. Like, when you click a button, the event is, um, handled by the loop. It is how JavaScript works, I think.",
            150,
        ),
    },
    Pair {
        question: "beh-conflict",
        strong: (
            "During my internship at Razorpay last year, my teammate and I disagreed about whether to retry failed payment webhooks immediately or with backoff. My task was to make the webhook service reliable before the Diwali sale. I pulled the logs from the previous month and showed that immediate retries were hitting merchants who were already down. I proposed exponential backoff with a dead letter queue, and we discussed it with our lead using that data. As a result we shipped it in one sprint and failed deliveries fell by 38 percent during the sale.",
            150,
        ),
        weak: (
            "Matlab, basically, I think there was, like, some issue na, in my team, haan, so, I think we kind of had different opinions, maybe. Basically I just, I just did what, what the senior said, you know, and it was fine I guess.",
            190,
        ),
    },
    Pair {
        question: "beh-failure",
        strong: (
            "In my third year I led a four person team at the college hackathon, and we failed to submit a working demo. The task was to build a bus tracking app in thirty six hours. The mistake was mine: I did not plan the integration, and I spent the first day polishing the map screen while the backend was never connected. At the deadline the app broke in front of the judges. I learned to build the thinnest end to end version first and to set checkpoints every few hours. Since then our next hackathon demo worked, and we finished in the top five out of sixty teams.",
            146,
        ),
        weak: (
            "Failure, hmm. I don't think I have really failed, basically. Once, like, our project was not good, but it was, uh, the team's problem, not mine. Everyone makes mistakes, you know, so it was fine.",
            165,
        ),
    },
    Pair {
        question: "sw-beh-hard-bug",
        strong: (
            "During my internship at a fintech startup, our payment service crashed every few days with an out of memory error, but never on our laptops. My task was to find the cause before the festive sale. I added heap dumps and detailed logs, and found that a cache of user sessions was never cleared, so memory grew with every login. I reproduced it locally with a load test of ten thousand fake logins. I fixed it by giving the cache a size limit and an expiry, and added a test that fails if memory keeps growing. As a result the crashes stopped completely and memory use dropped by 60 percent.",
            152,
        ),
        weak: (
            "There was one bug, basically, in my project. It was, um, a very hard bug. I tried many things, like, and then, uh, somehow it got fixed. I think it was some memory issue, maybe.",
            135,
        ),
    },
    Pair {
        question: "beh-deadline",
        strong: (
            "In my final year, our team had just four days to submit the project report and a working prototype of our crop disease app, because the review was moved forward by a week. My role was to coordinate the work. I split the remaining work into a list of tasks, prioritized the model accuracy fixes and the demo over extra screens, and set up a short call every evening. I also took the report writing myself so the others could code. As a result we submitted everything a day early, and the panel gave us nine out of ten, the highest in our batch.",
            150,
        ),
        weak: (
            "Yes, deadlines are there always in college. We had a submission once, and it was very very tight, so we, uh, worked at night and somehow completed it. It was stressful, basically.",
            125,
        ),
    },
    Pair {
        question: "hr-why-hire-you",
        strong: (
            "You should hire me because my skills match what this role needs. I know Python, SQL and React, and I have used them together: in my internship at a logistics company I built a dashboard that tracks late deliveries, and the operations team now uses it every morning. I also achieved a top ten rank in a national coding contest. Beyond skills, I learn quickly, I work well with people, and I am eager to contribute from the first week.",
            150,
        ),
        weak: (
            "Because I am hard working and, um, sincere. I will do whatever work is given, you know. Please give me one chance, I will not disappoint you.",
            140,
        ),
    },
    Pair {
        question: "hr-stress",
        strong: (
            "I handle pressure by planning. When everything arrives at once I write a list, break big tasks into small steps and prioritize by deadline. I also go for a short walk every evening, which keeps me calm. For example, during my final exams I also had a project submission in the same week. I planned each day in two hour blocks, finished the project two days early, and still managed a first class in the exams.",
            150,
        ),
        weak: (
            "Stress is a normal part of life and everybody faces it in some form. I believe that staying positive is very important, and attitude decides everything. I always try to stay positive and think about good things, and I believe this helps everyone around me as well.",
            150,
        ),
    },
    Pair {
        question: "hr-tell-me-about-yourself",
        strong: (
            "I am Priya, a final year computer science student at PES University in Bengaluru. I enjoy building things people use: in my internship at a health startup I developed an appointment reminder service in Node that cut missed appointments by a fifth, and my final year project is a Kannada speech to text app for farmers. Outside class I run our college coding club. I am looking for a backend developer role where I can keep learning from experienced engineers, and this opportunity excites me because your product serves small clinics like the ones I worked with.",
            155,
        ),
        weak: (
            "Myself Rahul. I am from Nagpur. My father is a businessman and my mother is a housewife. I have one elder sister. My hobbies are, like, listening to music and playing cricket.",
            130,
        ),
    },
];
