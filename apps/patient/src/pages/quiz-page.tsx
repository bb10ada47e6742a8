import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import {
  ErrorState,
  errorMessage,
  FormError,
  LoadingState,
  PageHeader,
  type RouterOutputs,
  useTRPC,
} from "@mm/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, lazy, type ReactNode, Suspense, useEffect, useRef, useState } from "react";
import classes from "../components/choice.module.css";

// The chart library is large: it loads only when results are on screen.
const QuizStatsChart = lazy(() => import("../components/quiz-stats-chart"));

type Question = RouterOutputs["quiz"]["get"]["questions"][number];
type Submission = RouterOutputs["quiz"]["submit"];
type Stats = RouterOutputs["quiz"]["stats"];

export default function QuizPage() {
  const trpc = useTRPC();
  const quiz = useQuery(trpc.quiz.get.queryOptions());
  const [round, setRound] = useState(0);
  return (
    <Stack gap="lg">
      <PageHeader
        title="Quiz: know your prescription"
        description="How prescribed massage works: what the prescription needs, what to ask your insurer, who can treat you. About 2 minutes. Nobody else sees your answers."
      />
      {quiz.isPending ? (
        <LoadingState label="Loading the quiz" />
      ) : quiz.isError ? (
        <ErrorState error={quiz.error} title="Could not load the quiz" onRetry={() => quiz.refetch()} />
      ) : (
        <QuizRound key={round} questions={quiz.data.questions} onAgain={() => setRound((r) => r + 1)} />
      )}
    </Stack>
  );
}

function QuizRound({ questions, onAgain }: { questions: Question[]; onAgain: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [showMissing, setShowMissing] = useState(false);
  const submit = useMutation(
    trpc.quiz.submit.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.quiz.stats.queryFilter()),
    }),
  );
  const missing = questions.filter((q) => !answers[q.id]);

  const send = (e: FormEvent) => {
    e.preventDefault();
    if (missing.length > 0) {
      setShowMissing(true);
      document.getElementById(`q-${missing[0]!.id}`)?.scrollIntoView({ block: "center" });
      return;
    }
    submit.mutate({ answers: questions.map((q) => ({ questionId: q.id, optionId: answers[q.id]! })) });
  };

  if (submit.data) {
    return <QuizResults questions={questions} answers={answers} result={submit.data} onAgain={onAgain} />;
  }

  return (
    <form onSubmit={send} noValidate>
      <Stack gap="md">
        {questions.map((q, i) => (
          <Paper key={q.id} withBorder p={{ base: "md", sm: "lg" }} radius="md" id={`q-${q.id}`}>
            <Text size="sm" c="dimmed" fw={500} mb={4}>
              Question {i + 1} of {questions.length}
            </Text>
            <Radio.Group
              label={q.prompt}
              value={answers[q.id] ?? ""}
              onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v }))}
              error={showMissing && !answers[q.id] ? "Choose an answer" : undefined}
              styles={{ label: { fontSize: "var(--mantine-font-size-lg)", fontWeight: 600 } }}
            >
              <Stack gap="xs" mt="sm">
                {q.options.map((o) => (
                  <Radio.Card key={o.id} value={o.id} className={classes.card} py="sm">
                    <Group wrap="nowrap" align="flex-start" gap="sm">
                      <Radio.Indicator mt={2} />
                      <Text>{o.text}</Text>
                    </Group>
                  </Radio.Card>
                ))}
              </Stack>
            </Radio.Group>
          </Paper>
        ))}
        {showMissing && missing.length > 0 ? (
          <FormError
            title="Answer every question first"
            message={`${missing.length} ${missing.length === 1 ? "question has" : "questions have"} no answer yet: ${missing
              .map((q) => questions.indexOf(q) + 1)
              .join(", ")}.`}
          />
        ) : null}
        {submit.isError ? (
          <FormError title="Could not check your answers" message={errorMessage(submit.error)} />
        ) : null}
        <Group>
          <Button type="submit" size="lg" loading={submit.isPending}>
            Check my answers
          </Button>
          <Text size="sm" c="dimmed">
            {questions.length - missing.length} of {questions.length} answered
          </Text>
        </Group>
      </Stack>
    </form>
  );
}

function QuizResults({
  questions,
  answers,
  result,
  onAgain,
}: {
  questions: Question[];
  answers: Record<string, string>;
  result: Submission;
  onAgain: () => void;
}) {
  const trpc = useTRPC();
  const stats = useQuery(trpc.quiz.stats.queryOptions());
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
    window.scrollTo({ top: 0 });
  }, []);
  const byQuestion = new Map(result.results.map((r) => [r.questionId, r]));
  const statsByQuestion = new Map((stats.data?.questions ?? []).map((s) => [s.questionId, s]));
  const again = () => {
    onAgain();
    window.scrollTo({ top: 0 });
  };

  return (
    <Stack gap="lg">
      <Paper withBorder p="lg" radius="md" bg="blue.0" component="section" aria-labelledby="score-heading">
        <Stack gap="xs" align="flex-start">
          <Title order={2} id="score-heading" ref={headingRef} tabIndex={-1}>
            You got {result.score} of {result.total} right
          </Title>
          <Text>
            {result.score === result.total
              ? "Every answer right. You know how prescribed massage works."
              : "Read the explanations below: they are what helps most when you talk to your physician or insurer."}
          </Text>
          <Button onClick={again} variant="default" size="md">
            Try again
          </Button>
        </Stack>
      </Paper>

      <StatsSection
        stats={stats.data}
        pending={stats.isPending}
        error={stats.error}
        onRetry={() => stats.refetch()}
      />

      <Stack gap="md" component="section" aria-labelledby="answers-heading">
        <Title order={2} size="h3" id="answers-heading">
          Your answers, explained
        </Title>
        {questions.map((q, i) => {
          const r = byQuestion.get(q.id);
          if (!r) return null;
          const chosen = q.options.find((o) => o.id === answers[q.id]);
          const correct = q.options.find((o) => o.id === r.correctOptionId);
          const others = statsByQuestion.get(q.id);
          return (
            <Paper
              key={q.id}
              withBorder
              p={{ base: "md", sm: "lg" }}
              radius="md"
              component="article"
              aria-labelledby={`r-${q.id}`}
            >
              <Stack gap="sm">
                <Title order={3} size="h4" id={`r-${q.id}`}>
                  {i + 1}. {q.prompt}
                </Title>
                <Group>
                  {r.correct ? (
                    <Badge color="green" c="#1b5e2a" variant="light" size="lg" radius="sm">
                      ✓ Correct
                    </Badge>
                  ) : (
                    <Badge color="red" c="var(--mantine-color-red-9)" variant="light" size="lg" radius="sm">
                      ✗ Not quite
                    </Badge>
                  )}
                </Group>
                <Text>
                  <Text span fw={600} inherit>
                    Your answer:
                  </Text>{" "}
                  {chosen?.text ?? "None"}
                </Text>
                {r.correct ? null : (
                  <Text>
                    <Text span fw={600} inherit>
                      Correct answer:
                    </Text>{" "}
                    {correct?.text}
                  </Text>
                )}
                <Alert color={r.correct ? "green" : "blue"} variant="light" p="sm">
                  {r.explanation}
                </Alert>
                {others && others.total > 0 ? (
                  <Stack gap={6}>
                    <Text size="sm" fw={600}>
                      How others answered ({others.total} {others.total === 1 ? "answer" : "answers"})
                    </Text>
                    {others.options.map((o) => (
                      <Stack gap={2} key={o.optionId}>
                        <Group justify="space-between" wrap="nowrap" gap="xs">
                          <Text size="sm">
                            {o.text}
                            {o.optionId === r.correctOptionId ? " (correct)" : ""}
                          </Text>
                          <Text size="sm" fw={600}>
                            {o.percent ?? 0}%
                          </Text>
                        </Group>
                        <Progress
                          value={o.percent ?? 0}
                          color={o.optionId === r.correctOptionId ? "green.8" : "gray.6"}
                          aria-hidden="true"
                          size="sm"
                        />
                      </Stack>
                    ))}
                  </Stack>
                ) : null}
              </Stack>
            </Paper>
          );
        })}
      </Stack>
      <Group>
        <Button onClick={again} size="md">
          Try again
        </Button>
      </Group>
    </Stack>
  );
}

function StatsSection({
  stats,
  pending,
  error,
  onRetry,
}: {
  stats: Stats | undefined;
  pending: boolean;
  error: unknown;
  onRetry: () => void;
}) {
  let body: ReactNode;
  if (pending) body = <LoadingState label="Loading everyone's results" />;
  else if (!stats)
    body = <ErrorState error={error} title="Could not load everyone's results" onRetry={onRetry} />;
  else {
    const rows = stats.questions.map((q, i) => ({
      question: `Q${i + 1}`,
      correct: q.percentCorrect ?? 0,
      answered: q.total,
    }));
    body = (
      <Stack gap="md">
        <SimpleGrid cols={{ base: 2 }} spacing="md">
          <Stack gap={0}>
            <Text size="sm" c="dimmed">
              Times the quiz was taken
            </Text>
            <Text fw={700} size="xl">
              {stats.attempts}
            </Text>
          </Stack>
          <Stack gap={0}>
            <Text size="sm" c="dimmed">
              Your best score
            </Text>
            <Text fw={700} size="xl">
              {stats.mine.bestScore == null ? "None yet" : `${stats.mine.bestScore} of ${stats.total}`}
            </Text>
          </Stack>
        </SimpleGrid>
        <Suspense fallback={<LoadingState label="Loading the chart" />}>
          <QuizStatsChart rows={rows} />
        </Suspense>
        <ul className="mm-visually-hidden">
          {stats.questions.map((q, i) => (
            <li key={q.questionId}>
              Question {i + 1}: {q.percentCorrect ?? 0}% of {q.total} answers correct
            </li>
          ))}
        </ul>
      </Stack>
    );
  }
  return (
    <Paper
      withBorder
      p={{ base: "md", sm: "lg" }}
      radius="md"
      component="section"
      aria-labelledby="stats-heading"
    >
      <Stack gap="md">
        <Title order={2} size="h3" id="stats-heading">
          How everyone did
        </Title>
        {body}
      </Stack>
    </Paper>
  );
}
