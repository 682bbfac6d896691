import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import { createApolloClient } from './apollo';
import { App } from './app';
import { navigate } from './navigation';
import { clearToken, getToken } from './session';
import './styles.css';

const client = createApolloClient(() => {
  if (!getToken()) return;
  clearToken();
  void client.clearStore();
  navigate({ page: 'signin', next: location.pathname + location.search }, { replace: true });
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ApolloProvider client={client}>
        <App />
      </ApolloProvider>
    </StrictMode>,
  );
}
